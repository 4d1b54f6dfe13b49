import AIMeterTestSupport
import Foundation
import Testing

/// The user's own examples from the export and proxy pages (`seeds/000_*`, `seeds/001_*`), run
/// against a live server. Only the base URL and the secret placeholder are substituted.
struct SeedExamples {
    let base: String
    let secret: String
    let normalPassword: String
    let directory: TemporaryDirectory

    func substituted(_ text: String) -> String {
        text.replacingOccurrences(of: "http://localhost:3001", with: base)
            .replacingOccurrences(of: "your_32_char_endpoint_secret", with: secret)
    }

    @discardableResult
    func shell(_ script: String, environment: [String: String] = [:]) throws -> String {
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "cd '\(directory.url.path)' && " + substituted(script)],
            environment: environment, timeout: 30)
        #expect(result.status == 0, "\(script)\n\(result.stderr)")
        return result.stdout
    }

    func runCurlExamples() throws {
        let json = try shell(#"curl -sf -H "x-aimeter-endpoint-secret: your_32_char_endpoint_secret" "http://localhost:3001/api/endpoint/subscriptions""#)
        #expect(json.hasPrefix("{\n  \"success\": true,"))
        let xml = try shell(#"curl -sf -H "x-aimeter-endpoint-secret: your_32_char_endpoint_secret" "http://localhost:3001/api/endpoint/subscriptions?format=xml&pretty=true""#)
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        try shell(
            #"curl -sf -H "x-aimeter-endpoint-secret: your_32_char_endpoint_secret" "http://localhost:3001/api/endpoint/subscriptions?format=csv" --output usage.csv"#)
        let csv = try String(contentsOfFile: directory.path("usage.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,provider,name,status,primaryUsedPercent,"))
        let markdown = try shell(#"curl -sf -H "x-aimeter-endpoint-secret: your_32_char_endpoint_secret" "http://localhost:3001/api/endpoint/subscriptions?format=markdown&providers=claude,kimi&timezone=America/New_York""#)
        #expect(markdown.contains("Summary: providers(total=0), avgUsed=0%, timezone=America/New_York"))
        let table = try shell(#"curl -sf -H "x-aimeter-endpoint-secret: your_32_char_endpoint_secret" "http://localhost:3001/api/endpoint/subscriptions?format=table&timezone=America/New_York""#)
        #expect(table.hasPrefix("┌"))
        #expect(table.contains("openrouter"))

        // Session cookie variants: log in with curl's cookie jar, then the seed commands.
        try shell(#"curl -sf -c cookies.txt -H "Content-Type: application/json" -d '{"password":"\#(normalPassword)"}' http://localhost:3001/api/auth/normal/verify"#)
        let viaCookie = try shell(#"curl -sf -b cookies.txt "http://localhost:3001/api/endpoint/subscriptions""#)
        #expect(viaCookie.contains("\"providersWithUsage\": 2"))
        let latest = try shell(#"curl -sf -b cookies.txt -X POST http://localhost:3001/api/proxy/latest"#)
        #expect(latest.hasPrefix(#"{"success":true,"data":[{"id":"or_main""#))

        // Cron scripts (jq).
        let environment = ["AIMETER_ENDPOINT_SECRET": secret]
        let claude = try shell(
            #"curl -s -H "x-aimeter-endpoint-secret: $AIMETER_ENDPOINT_SECRET" "http://localhost:3001/api/endpoint/subscriptions?format=json&pretty=false" | jq '.providers[] | select(.provider == "claude") | .progress[0].usedPercent'"#,
            environment: environment)
        #expect(claude.isEmpty)  // no claude configured here
        let openrouter = try shell(
            #"curl -s -H "x-aimeter-endpoint-secret: $AIMETER_ENDPOINT_SECRET" "http://localhost:3001/api/endpoint/subscriptions?format=json&pretty=false" | jq '.providers[] | select(.provider == "openrouter") | .progress[0].usedPercent'"#,
            environment: environment)
        // The broken OpenRouter account has no data: jq prints null for its error record.
        #expect(openrouter == "25\nnull\n")
        let statusPage = try shell(
            #"curl -s -H "x-aimeter-endpoint-secret: $AIMETER_ENDPOINT_SECRET" "http://localhost:3001/api/endpoint/subscriptions?format=markdown&timezone=America/New_York""#,
            environment: environment)
        #expect(statusPage.hasPrefix("| Provider"))
    }

    func runPythonExamples() throws {
        let script = #"""
            import requests

            BASE_URL = "http://localhost:3001"
            headers = {"x-aimeter-endpoint-secret": "your_32_char_endpoint_secret"}

            # JSON — all providers
            response = requests.get(f"{BASE_URL}/api/endpoint/subscriptions", headers=headers)
            data = response.json()
            for provider in data["providers"]:
                if "progress" in provider:
                    print(f"{provider['provider']}: {provider['progress'][0]['usedPercent']}% used")

            # CSV — save to file
            response = requests.get(
                f"{BASE_URL}/api/endpoint/subscriptions",
                headers=headers,
                params={"format": "csv"},
            )
            with open("usage.csv", "w") as f:
                f.write(response.text)

            # JSON — specific providers, compact output
            response = requests.get(
                f"{BASE_URL}/api/endpoint/subscriptions",
                headers=headers,
                params={"providers": "claude,kimi", "pretty": "false"},
            )
            print(response.status_code)

            res = requests.get(
                "http://localhost:3001/api/endpoint/subscriptions",
                headers=headers,
                params={"format": "json", "pretty": "false"},
            )
            for provider in res.json()["providers"]:
                if "progress" in provider and provider["progress"][0]["usedPercent"] > 20:
                    print(f"ALERT: {provider['provider']} is at {provider['progress'][0]['usedPercent']}% usage")
            """#
        let path = directory.path("example.py")
        try substituted(script).write(toFile: path, atomically: true, encoding: .utf8)
        let output = try shell("python3 example.py")
        #expect(output.contains("openrouter: 25% used"))
        #expect(output.contains("200\n"))
        #expect(output.contains("ALERT: openrouter is at 25% usage"))
    }

    func runNodeExamples() throws {
        let script = #"""
            const BASE_URL = "http://localhost:3001";
            const headers = { "x-aimeter-endpoint-secret": "your_32_char_endpoint_secret" };

            // JSON — all providers
            const res = await fetch(`${BASE_URL}/api/endpoint/subscriptions`, { headers });
            const data = await res.json();
            data.providers
              .filter((p) => "progress" in p)
              .forEach((p) => console.log(`${p.provider}: ${p.progress[0].usedPercent}% used`));

            // CSV — save output
            const csvRes = await fetch(
              `${BASE_URL}/api/endpoint/subscriptions?format=csv`,
              { headers }
            );
            const csv = await csvRes.text();
            console.log(csv.split("\n")[0]);

            // Markdown — specific providers, Shanghai timezone
            const mdRes = await fetch(
              `${BASE_URL}/api/endpoint/subscriptions?format=markdown&providers=claude,kimi&timezone=Asia/Shanghai`,
              { headers }
            );
            console.log(await mdRes.text());

            async function poll() {
              const res = await fetch(
                "http://localhost:3001/api/endpoint/subscriptions?format=json&pretty=false",
                { headers }
              );
              const { providers, summary } = await res.json();
              console.log(`[${new Date().toISOString()}] avg=${summary.averageUsedPercent}%`);
              providers.filter((p) => "progress" in p).forEach((p) => {
                console.log(` ${p.provider}: ${p.progress[0].usedPercent}%`);
              });
            }
            await poll();
            """#
        let path = directory.path("example.mjs")
        try substituted(script).write(toFile: path, atomically: true, encoding: .utf8)
        let output = try shell("node example.mjs")
        #expect(output.contains("openrouter: 25% used"))
        #expect(output.contains("id,provider,name,status,primaryUsedPercent"))
        #expect(output.contains("timezone=Asia/Shanghai"))
        #expect(output.contains(" openrouter: 25%"))
    }
}
