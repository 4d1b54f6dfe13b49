"""The benchmarks' mock upstream: answers every request after a fixed delay.

Usage: python3 slow_upstream.py PORT DELAY_SECONDS   (prints "ready" when listening)

Routes:
  GET  /api/monitor/usage/quota/limit   z.ai quota (collector-scale.sh)
  POST /oauth/token                     Codex-shaped OAuth refresh that rotates the refresh token
  GET  /backend-api/wham/usage          Codex usage; records which access token was used
  GET  /stats                           counters as JSON (no delay), including the most requests
                                        ever waiting at once ("max_in_flight")

Token rotation (crash-loop.sh): tokens are "rt-<provider>-<n>" / "at-<provider>-<n>". Each refresh
issues n + 1. Because the collector stores a rotated token before it uses it, an access token
seen at the usage route means its refresh token was committed ("acknowledged"); presenting an
older refresh token after that means a refresh token was lost. Such refreshes are refused with
invalid_grant and counted in "lost".

asyncio serves any number of connections at once, so 64 or more concurrent 200 ms requests do not
queue behind each other.
"""
import asyncio
import json
import sys
import time

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2])
stats = {"served": 0, "refreshes": 0, "lost": 0, "usage": 0, "in_flight": 0, "max_in_flight": 0}
issued = {}        # provider -> newest n issued
acknowledged = {}  # provider -> highest n whose access token was used
QUOTA = json.dumps({
    "code": 200, "msg": "ok", "success": True,
    "data": {"planName": "Bench", "limits": [
        {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 37,
         "nextResetTime": int(time.time() * 1000) + 3600_000},
        {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 12,
         "nextResetTime": int(time.time() * 1000) + 86400_000},
    ]},
}).encode()
CODEX_USAGE = json.dumps({
    "plan_type": "plus",
    "rate_limit": {"allowed": True, "limit_reached": False,
                   "primary_window": {"used_percent": 17, "limit_window_seconds": 18000, "reset_after_seconds": 10000}},
}).encode()


def split_token(token):
    """("rot-3", 7) for "rt-rot-3-7" or "at-rot-3-7"; None when malformed."""
    try:
        prefix_and_provider, n = token.rsplit("-", 1)
        return prefix_and_provider[3:], int(n)
    except ValueError:
        return None


def refresh(body):
    form = dict(pair.split("=", 1) for pair in body.decode().split("&") if "=" in pair)
    parsed = split_token(form.get("refresh_token", ""))
    if parsed is None:
        return 400, json.dumps({"error": "invalid_request"}).encode()
    provider, n = parsed
    if n < acknowledged.get(provider, 0):
        stats["lost"] += 1
        print(f"LOST: {provider} presented refresh token {n}, {acknowledged[provider]} was acknowledged", flush=True)
        return 400, json.dumps({"error": "invalid_grant"}).encode()
    stats["refreshes"] += 1
    issued[provider] = max(issued.get(provider, 0), n) + 1
    new = issued[provider]
    return 200, json.dumps({"access_token": f"at-{provider}-{new}", "refresh_token": f"rt-{provider}-{new}",
                            "expires_in": 60}).encode()


def usage(headers):
    parsed = split_token(headers.get("authorization", "").removeprefix("Bearer "))
    if parsed is None:
        return 401, b'{"error":"invalid token"}'
    provider, n = parsed
    acknowledged[provider] = max(acknowledged.get(provider, 0), n)
    stats["usage"] += 1
    return 200, CODEX_USAGE


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target = lines[0].split(" ")[:2]
            headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:] if ":" in l)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            path = target.split("?", 1)[0]
            if path == "/stats":
                status, payload = 200, json.dumps(stats).encode()
            else:
                stats["in_flight"] += 1
                stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
                await asyncio.sleep(DELAY)
                stats["in_flight"] -= 1
                stats["served"] += 1
                if method == "POST" and path == "/oauth/token":
                    status, payload = refresh(body)
                elif path == "/backend-api/wham/usage":
                    status, payload = usage(headers)
                else:
                    status, payload = 200, QUOTA
            writer.write(b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                         % (status, len(payload)) + payload)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT, backlog=4096)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
