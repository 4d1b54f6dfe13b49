"""A z.ai-shaped mock upstream that answers every request after a fixed delay.

Usage: python3 slow_upstream.py PORT DELAY_SECONDS   (prints "ready" when listening)
Serves GET /api/monitor/usage/quota/limit; counts requests in /stats.
"""
import asyncio
import json
import sys
import time

PORT = int(sys.argv[1])
DELAY = float(sys.argv[2])
served = 0
BODY = json.dumps({
    "code": 200, "msg": "ok", "success": True,
    "data": {"planName": "Bench", "limits": [
        {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "percentage": 37,
         "nextResetTime": int(time.time() * 1000) + 3600_000},
        {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "percentage": 12,
         "nextResetTime": int(time.time() * 1000) + 86400_000},
    ]},
}).encode()


async def handle(reader, writer):
    global served
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            path = request.split(b" ", 2)[1]
            if path == b"/stats":
                body = json.dumps({"served": served}).encode()
            else:
                await asyncio.sleep(DELAY)
                served += 1
                body = BODY
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionResetError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT, backlog=2048)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
