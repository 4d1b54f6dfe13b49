import AIMeterCore
import AIMeterExport
import NIOCore
import Synchronization
import Testing

@testable import AIMeterAPI

@Suite struct RenderCacheTests {
    static func inputs(_ name: String, format: ExportFormat = .json) -> RenderCache.Inputs {
        let provider = ExportProvider(id: name, type: .claude, name: name, region: nil)
        return RenderCache.Inputs(query: ExportQuery(format: format), entries: [.noData(provider, now: 0)], states: [:])
    }

    /// A render function that counts its calls and embeds the time and the inputs' name.
    final class CountingRenderer: Sendable {
        let calls = Mutex<[Int64]>([])
        func render(_ name: String) -> (Int64) -> ExportDocument {
            { now in
                self.calls.withLock { $0.append(now) }
                return ExportDocument(body: "\(name)@\(now)", contentType: "text/plain")
            }
        }
    }

    @Test func equalInputsInTheSameSecondRenderOnce() {
        let cache = RenderCache()
        let renderer = CountingRenderer()
        let first = cache.rendering(of: Self.inputs("a"), now: 100, render: renderer.render("a"))
        let second = cache.rendering(of: Self.inputs("a"), now: 100, render: renderer.render("a"))
        #expect(String(buffer: first.body) == "a@100" && String(buffer: second.body) == "a@100")
        #expect(first.tag == second.tag && first.tag == EntityTag.weak(of: "a@0"))
        #expect(renderer.calls.withLock { $0 } == [0, 100])
    }

    @Test func aNewSecondRendersTheBodyAgainAndKeepsTheTag() {
        let cache = RenderCache()
        let renderer = CountingRenderer()
        let first = cache.rendering(of: Self.inputs("a"), now: 100, render: renderer.render("a"))
        let later = cache.rendering(of: Self.inputs("a"), now: 101, render: renderer.render("a"))
        #expect(String(buffer: later.body) == "a@101")
        #expect(later.tag == first.tag)
        #expect(renderer.calls.withLock { $0 } == [0, 100, 101])
    }

    @Test func differentInputsNeverShareARendering() {
        let cache = RenderCache()
        let renderer = CountingRenderer()
        let json = cache.rendering(of: Self.inputs("a"), now: 100, render: renderer.render("a"))
        let csv = cache.rendering(of: Self.inputs("a", format: .csv), now: 100, render: renderer.render("a-csv"))
        let other = cache.rendering(of: Self.inputs("b"), now: 100, render: renderer.render("b"))
        #expect(String(buffer: json.body) == "a@100" && String(buffer: csv.body) == "a-csv@100" && String(buffer: other.body) == "b@100")
        #expect(Set([json.tag, csv.tag, other.tag]).count == 3)
    }

    @Test func theCacheKeepsAtMostItsCapacityAndDropsTheLeastRecentlyUsed() {
        let cache = RenderCache()
        let renderer = CountingRenderer()
        for index in 0...RenderCache.capacity {
            _ = cache.rendering(of: Self.inputs("p\(index)"), now: 1, render: renderer.render("p\(index)"))
        }
        renderer.calls.withLock { $0.removeAll() }
        // The newest is still cached; the first one was evicted and renders again.
        _ = cache.rendering(of: Self.inputs("p\(RenderCache.capacity)"), now: 1, render: renderer.render("new"))
        #expect(renderer.calls.withLock { $0 }.isEmpty)
        _ = cache.rendering(of: Self.inputs("p0"), now: 1, render: renderer.render("p0"))
        #expect(renderer.calls.withLock { $0 } == [0, 1])
    }
}
