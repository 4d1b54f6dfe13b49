import Foundation
import Hummingbird
import Synchronization

extension MockUpstream {
    /// The state shared between the server's responder and the test-facing object.
    final class SharedState: Sendable {
        let state = Mutex(State())

        /// Records `request`, finds its route and renders the canned response.
        func respond(to request: Request) async throws -> Response {
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024 * 1024)
            let recorded = RecordedRequest(
                method: request.method.rawValue.uppercased(),
                path: request.uri.path,
                query: request.uri.query,
                headers: request.headers.map { (name: $0.name.rawName, value: $0.value) },
                body: Data(body.readableBytesView)
            )
            let handler = state.withLock { state -> Handler? in
                state.requests.append(recorded)
                let items = recorded.queryItems
                return state.routes.last(where: { route in
                    route.method == recorded.method && route.path == recorded.path
                        && route.query.allSatisfy { items[$0.key] == $0.value }
                })?.handler
            }
            guard let handler else {
                return Self.render(.text("no mock route for \(recorded.method) \(recorded.path)", status: 404))
            }
            let response = await handler(recorded)
            if let delay = response.delay {
                try await Task.sleep(for: delay)
            }
            return Self.render(response)
        }

        static func render(_ mock: MockResponse) -> Response {
            var fields = HTTPFields()
            for header in mock.headers {
                if let name = HTTPFields.Element.Name(header.name) {
                    fields.append(HTTPFields.Element(name: name, value: header.value))
                }
            }
            return Response(status: .init(code: mock.status), headers: fields, body: body(of: mock))
        }

        static func body(of mock: MockResponse) -> ResponseBody {
            switch (mock.body, mock.drip) {
            case (.bytes(let data), nil):
                return ResponseBody(byteBuffer: ByteBuffer(bytes: data))
            case (.bytes(let data), let drip?):
                return ResponseBody { writer in
                    let bytes = [UInt8](data)
                    var offset = 0
                    while offset < bytes.count {
                        let end = min(bytes.count, offset + max(1, drip.chunkBytes))
                        try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                        offset = end
                        if offset < bytes.count { try await Task.sleep(for: drip.interval) }
                    }
                    try await writer.finish(nil)
                }
            case (.repeated(let count), _):
                return ResponseBody(contentLength: count) { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    var left = count
                    while left > 0 {
                        let size = min(left, chunk.readableBytes)
                        try await writer.write(chunk.getSlice(at: 0, length: size) ?? chunk)
                        left -= size
                    }
                    try await writer.finish(nil)
                }
            }
        }
    }
}
