import Foundation

// aimeter-bench-route --config PATH [--requests N] [--path PATH]: the cost of aimeter's own request path
// (middleware, router, handlers) per route, in-process, without sockets. See bench/route-cost.sh.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(await RouteCost.run(arguments: arguments, environment: ProcessInfo.processInfo.environment))
