import AIMeterCollector
import Foundation

exit(await CollectorCommand.run(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
