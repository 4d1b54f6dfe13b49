import AIMeterAPI
import Foundation

exit(await APICommand.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
