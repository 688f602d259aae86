#!/usr/bin/env python3
"""`make bench`, the service's part: wrk against POST /api/v1/audit on loopback.

The bodies are the sample descriptions (samples/*.yaml, those the API audits: one venue per
file), sent in turn. For 1, 8 and 64 connections it prints requests per second, the ratio of
that to the command line's files per second on the same descriptions (`venue-audit audit
--format json --out DIR` over copies of them, all cores), p50 and p99 latency, and errors
(non-2xx answers and socket errors; must be 0). Then peak memory (VmHWM of the service
process) after a short and a long run at 64 connections, each on a fresh service: flat means
the long run's peak is under 1.5 times the short run's.

Defaults are short so `make bench` stays quick: SERVICE_BENCH_SECONDS=5 per row,
SERVICE_BENCH_MEMORY="10 30" for the two memory runs (the issue's figures are "10 60").
wrk and the service share this machine's cores, so the figures are a floor.

Usage: service-bench.py path/to/venue-audit (a release build)
"""
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECONDS = int(os.environ.get("SERVICE_BENCH_SECONDS", "5"))
MEMORY = [int(x) for x in os.environ.get("SERVICE_BENCH_MEMORY", "10 30").split()]
CONNECTIONS = [1, 8, 64]

LUA = r"""
-- Posts the sample descriptions in turn, one per request.
local bodies = {}
local i = 0
init = function(args)
  for _, path in ipairs(args) do
    local f = assert(io.open(path, "rb"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
end
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/audit", {["Content-Type"] = "application/yaml", ["Accept"] = "application/json"}, bodies[i])
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, binary, work):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        db = os.path.join(work, f"bench-{self.port}.sqlite")
        self.log = open(os.path.join(work, f"service-{self.port}.log"), "w")
        self.process = subprocess.Popen([binary, "serve", "--db", db, "--port", str(self.port)], stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        raise SystemExit("service-bench: the service did not start")

    def peak_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wrk(base, connections, seconds, script, bodies):
    threads = min(connections, 2)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s", "-s", script, base, "--"]
        + bodies,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))

    def latency(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(x) for x in socket_errors.groups()) if socket_errors else 0)
    return rps, requests, latency(50), latency(99), errors


def cli_files_per_second(binary, bodies, work):
    """The command line over copies of the same descriptions, enough for a few seconds' work."""
    folder = os.path.join(work, "cli")
    os.makedirs(folder)
    copies = 0
    while copies < 600:
        for body in bodies:
            shutil.copy(body, os.path.join(folder, f"{copies:05d}-{os.path.basename(body)}"))
            copies += 1
    best = float("inf")
    for _ in range(2):
        out = os.path.join(work, "cli-out")
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        run = subprocess.run([binary, "audit", folder, "--quiet", "--format", "json", "--out", out], capture_output=True)
        elapsed = time.perf_counter() - start
        if run.returncode not in (0, 1):
            raise SystemExit(f"service-bench: the command line failed ({run.returncode}): {run.stderr.decode()[:400]}")
        best = min(best, elapsed)
    return copies / best, copies


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    if not shutil.which("wrk"):
        raise SystemExit("service-bench: wrk not found (make service-deps installs it)")
    work = tempfile.mkdtemp(prefix="va-service-bench-")
    services = []
    try:
        script = os.path.join(work, "post.lua")
        with open(script, "w") as f:
            f.write(LUA)
        service = Service(binary, work)
        services.append(service)
        bodies = []
        for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.yaml"))):
            request = urllib.request.Request(service.base + "/api/v1/audit", data=open(path, "rb").read(), method="POST")
            try:
                urllib.request.urlopen(request, timeout=30)
                bodies.append(path)
            except urllib.error.HTTPError:
                pass  # a file of several venues: the API takes one per request
        cli_rate, copies = cli_files_per_second(binary, bodies, work)
        print(f"\nservice: POST /api/v1/audit on loopback, {len(bodies)} sample descriptions in turn, {SECONDS} s per row")
        print(f"command line: {cli_rate:.1f} files/s (venue-audit audit --format json over {copies} copies, best of 2)")
        print(f"{'connections':>11}  {'req/s':>8}  {'ratio to CLI':>12}  {'p50 ms':>7}  {'p99 ms':>7}  {'errors':>6}")
        failed = False
        for connections in CONNECTIONS:
            rps, requests, p50, p99, errors = wrk(service.base, connections, SECONDS, script, bodies)
            failed |= errors > 0 or requests == 0
            print(f"{connections:>11}  {rps:>8.1f}  {rps / cli_rate:>11.2f}×  {p50:>7.1f}  {p99:>7.1f}  {errors:>6}")
        service.stop()
        peaks = []
        for seconds in MEMORY:
            fresh = Service(binary, work)
            services.append(fresh)
            _, _, _, _, errors = wrk(fresh.base, 64, seconds, script, bodies)
            failed |= errors > 0
            peaks.append((seconds, fresh.peak_mib()))
            fresh.stop()
        (short, small), (long, large) = peaks[0], peaks[-1]
        ratio = large / small
        print(
            f"- peak memory of the service at 64 connections: {small:.1f} MiB after {short} s, {large:.1f} MiB after {long} s: "
            f"{ratio:.2f}× (target < 1.5×: {'met' if ratio < 1.5 else 'not met'})"
        )
        if failed:
            print("service-bench: errors under load (must be 0)")
            return 1
        return 0
    finally:
        for service in services:
            service.stop() if not service.log.closed else None
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
