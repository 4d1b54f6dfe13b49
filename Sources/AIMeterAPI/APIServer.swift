import AIMeterCore
import AIMeterConfig
import Hummingbird
import Logging

/// Builds the HTTP server: routes, middleware and the Hummingbird application.
public enum APIServer {
    /// aimeter's version, reported by `--version`, `/metrics` and the collector's `ping`.
    public static let version = AIMeterVersion.current

    /// Every route, grouped by controller.
    public static func routes(_ services: APIServices) -> [APIRoute] {
        HealthController(services: services).routes
            + AuthController(services: services).routes
            + AdminAuthController(services: services).routes
            + ProxyController(services: services).routes
            + EndpointController(services: services).routes
            + HistoryController(services: services).routes
            + ProvidersController(services: services).routes
            + SystemController(services: services).routes
            + JobsController(services: services).routes
            + MetricsController(services: services).routes
    }

    /// The router with the middleware chain, outermost first: access log (and client address),
    /// standard headers (security, default `Cache-Control`), errors to JSON, request body.
    public static func buildRouter(_ services: APIServices, accessLogger: Logger? = nil) -> Router<APIRequestContext> {
        let routes = routes(services)
        let router = Router(context: APIRequestContext.self)
        let resolver = ClientAddressResolver(trustedProxies: services.config.server.trustedProxyNetworks)
        router.add(middleware: AccessLogMiddleware(addresses: resolver, logger: accessLogger ?? services.logger))
        router.add(middleware: StandardHeadersMiddleware(isHTTPS: services.isHTTPS))
        router.add(middleware: APIErrorMiddleware(routes: RouteTable(routes)))
        router.add(middleware: RequestBodyMiddleware())
        for route in routes {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
        return router
    }

    /// The application listening on `server.host:server.port`; `onReady` runs once it listens.
    public static func buildApplication(
        _ services: APIServices,
        onReady: @escaping @Sendable (Int?) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let server = services.config.server
        return Application(
            router: buildRouter(services),
            configuration: ApplicationConfiguration(address: .hostname(server.host, port: server.port), serverName: nil),
            onServerRunning: { channel in await onReady(channel.localAddress?.port) },
            logger: services.logger
        )
    }
}
