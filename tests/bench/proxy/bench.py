#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cowl's proxy, nginx and HAProxy side by side in one run (issue 4, Benchmark).
Started by tests/bench/proxy.sh inside a network namespace of its own; see
docs/benchmarks.md for what each figure means."""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import measure  # noqa: E402
from measure import median, run_measured  # noqa: E402
from peers import GIB, MIB, Materials, PeerProxy, Upstream  # noqa: E402

PEER_ORDER = ("cowl", "nginx", "haproxy")
# Runs where processes outside the measurement took more than this many cores are repeated.
OTHER_LIMIT_CORES = 0.15
WORKERS = os.cpu_count() or 2


class Test:
    def __init__(self, key, title, better, client):
        self.key = key
        self.title = title
        self.better = better  # figures printed for this test
        self.client = client  # (peer, seconds, materials, host) -> (command, env, parse)


def wrk_command(connections, path, seconds, peer, host, materials, extra=(), body_bytes=None):
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
               "-H", f"Host: {host}", "-H", f"Authorization: {materials.basic_header()}", *extra,
               f"https://[::1]:{peer.port}{path}"]
    return command, None, measure.parse_wrk(body_bytes)


def h2load_command(peer, seconds, host, materials, log_path):
    command = ["h2load", "-t", "2", "-c", "16", "-m", "16", "-D", str(seconds), "--log-file", log_path,
               "-H", f":authority: {host}", "-H", f"authorization: {materials.basic_header()}",
               f"https://[::1]:{peer.port}/small"]
    return command, None, measure.parse_h2load(log_path)


def make_tests(directory):
    def handshake(peer, seconds, materials, host):
        command, _, parse = wrk_command(32, "/small", seconds, peer, host, materials,
                                        extra=("-H", "Connection: close"))
        env = dict(os.environ, LD_PRELOAD=materials.no_resume)
        return command, env, parse

    return [
        Test("h1", "HTTP/1.1 small GET, keep-alive, wrk 2 threads x 64 connections",
             ("rps", "p50", "p99", "cpu", "kernel"),
             lambda p, s, m, h: wrk_command(64, "/small", s, p, h, m)),
        Test("handshake", "HTTP/1.1 small GET, new connection + full TLS handshake per request "
             "(resumption defeated), wrk 32 connections", ("rps", "p50", "p99", "cpu", "kernel"), handshake),
        Test("h2", "HTTP/2 small GET, h2load 16 connections x 16 streams", ("rps", "p50", "p99", "cpu", "kernel"),
             lambda p, s, m, h: h2load_command(p, s, h, m, os.path.join(directory, f"h2-{p.name}.log"))),
        Test("1m", "HTTP/1.1 1 MiB GET, keep-alive, wrk 8 connections", ("mbps", "p50", "p99", "cpu", "kernel"),
             lambda p, s, m, h: wrk_command(8, "/1m", s, p, h, m, body_bytes=MIB)),
    ]


def free_port():
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
        s.bind(("::1", 0))
        return s.getsockname()[1]


def self_signed(directory, host):
    cert, key = os.path.join(directory, "self.crt"), os.path.join(directory, "self.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-days", "2", "-subj", f"/CN={host}", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def check_same_job(peer, host, materials):
    """Every proxy must do the same job before it is measured: route, check Basic, forward."""
    def status(extra_headers, path="/small"):
        command = ["curl", "-sk", "--http1.1", "-o", "-", "-w", "\n%{http_code}", f"https://[::1]:{peer.port}{path}"]
        for header in extra_headers:
            command += ["-H", header]
        out = subprocess.run(command, capture_output=True, text=True).stdout
        body, _, code = out.rpartition("\n")
        return code, body

    auth = f"Authorization: {materials.basic_header()}"
    checks = [("valid Basic", [f"Host: {host}", auth], ("200", "ok")),
              ("no credentials", [f"Host: {host}"], ("401", None)),
              ("unknown host", ["Host: nothing.example", auth], ("404", None))]
    for what, headers, (want_code, want_body) in checks:
        code, body = status(headers)
        if code != want_code or (want_body is not None and body != want_body):
            raise RuntimeError(f"{peer.name} does not do the benchmark's job: {what} gave {code} {body[:80]!r}, "
                               f"expected {want_code}")


def run_one(test, peer, seconds, materials, host, upstream_pids):
    """One measured run of a test against a peer (see run_unless_busy)."""
    command, env, parse = test.client(peer, seconds, materials, host)
    return run_unless_busy(peer.name, command, peer.pids, upstream_pids, env, parse)


def run_unless_busy(name, command, pids, upstream_pids, env, parse):
    """One measured run, repeated once when other processes took more than OTHER_LIMIT_CORES."""
    best = None
    for attempt in range(2):
        run = run_measured(command, pids, upstream_pids, env=env, parse=parse)
        if best is None or run.other_cores < best.other_cores:
            best = run
        if run.other_cores <= OTHER_LIMIT_CORES:
            break
        named = ", ".join(f"{n} {cores:.2f}" for n, cores in run.other_top) or "not in any thread's time"
        print(f"    ({name}: other processes took {run.other_cores:.2f} cores ({named}); repeating)", flush=True)
    if best.other_cores > OTHER_LIMIT_CORES:
        best.note = "busy"
    return best


def warm_up(test, peer, materials, host, upstream_pids):
    command, env, parse = test.client(peer, 1, materials, host)
    run_measured(command, peer.pids, upstream_pids, env=env, parse=parse)


def half_peak(peers, rate, seconds, rounds, materials, host, upstream, directory):
    """p50/p99 of every proxy and of the upstream alone at one fixed rate, HTTP/1.1 keep-alive.

    Paced by wrk itself: a Lua delay() makes each connection wait between its
    requests (h2load 1.52's --rps ignores -n and never ends with -D). wrk's
    delays are whole milliseconds, so each one is drawn from the two around
    the exact mean. Rounds rotate the order like the throughput tests; the
    table holds medians."""
    connections = 64
    mean_ms = connections * 1000 / rate
    low = max(1, int(mean_ms))
    high_share = min(1.0, max(0.0, mean_ms - low))
    script = os.path.join(directory, "paced.lua")
    with open(script, "w") as f:
        f.write(f"function delay()\n  if math.random() < {high_share:.4f} then return {low + 1} end\n"
                f"  return {low}\nend\n")
    targets = [(p.name, f"https://[::1]:{p.port}/small", p.pids) for p in peers]
    targets.append(("direct", f"http://{upstream.address}/small", lambda: []))
    targets.append(("direct-tls", f"https://{upstream.tls_address}/small", lambda: []))
    # The floor: the same path through a process that only relays bytes.
    relay = PeerProxy("relay", materials, free_port(), host, upstream, WORKERS)
    targets.append(("relay", f"http://[::1]:{relay.port}/small", relay.pids))
    results = {name: [] for name, _, _ in targets}
    try:
        for round_index in range(rounds):
            start = round_index % len(targets)
            for name, url, pids in targets[start:] + targets[:start]:
                command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", script,
                           "-H", f"Host: {host}", "-H", f"Authorization: {materials.basic_header()}", url]
                results[name].append(run_unless_busy(name, command, pids, upstream.pids(), None, measure.parse_wrk()))
    finally:
        relay.stop()
    return results


def wakeup_cost(directory):
    """(p50, p99) µs of a wake-up across two idle cores (wakeup.c), or None on one core."""
    if WORKERS < 2:
        return None
    binary = os.path.join(directory, "wakeup")
    subprocess.run(["gcc", "-O2", "-o", binary, os.path.join(os.path.dirname(os.path.abspath(__file__)), "wakeup.c"),
                    "-lpthread"], check=True)
    p50, p99 = (float(x) for x in subprocess.run([binary], capture_output=True, text=True, check=True).stdout.split())
    return p50, p99


def print_half_peak(rate, results):
    """Medians of the paced rounds; overhead is a row's p99 above a direct row's p99."""
    print(f"\nHTTP/1.1 small GET paced at {rate:.0f} req/s (half the slowest proxy's keep-alive peak; wrk, "
          f"64 connections, each waiting a delay between requests; medians of {len(results['direct'])} round(s))")
    print("  direct: the upstream alone over plain HTTP; direct-tls: the upstream alone over TLS (what the client's "
          "own TLS costs); relay: HAProxy passing plain bytes (one more hop, no work)")
    print(f"  {'':11}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'p99 over direct':>17}{'over direct-tls':>17}"
          f"{'other cores':>13}")
    p99 = {name: median([r.p99_ms for r in runs if r.p99_ms is not None]) for name, runs in results.items()}
    for name, runs in results.items():
        over = [None if name.startswith("direct") or p99[name] is None or p99[base] is None
                else p99[name] - p99[base] for base in ("direct", "direct-tls")]
        print(f"  {name:11}{fmt(median([r.rps for r in runs]), '.0f'):>10}"
              f"{fmt(median([r.p50_ms for r in runs]), '.2f'):>10}{fmt(p99[name], '.2f'):>10}"
              f"{fmt(over[0], '.2f'):>17}{fmt(over[1], '.2f'):>17}{max(r.other_cores for r in runs):>13.2f}")


def profile(cowl, seconds, materials, host, directory, output, callgraph="fp", test=None):
    """perf record on the Cowl process under one test's load (h1 unless given); prints the top symbols."""
    data = output or os.path.join(directory, "perf.data")
    if test is None:
        command, env, _ = wrk_command(64, "/small", seconds + 2, cowl, host, materials)
    else:
        command, env, _ = test.client(cowl, seconds + 2, materials, host)
    load = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    try:
        time.sleep(1)
        event = os.environ.get("COWL_BENCH_PERF_EVENT")  # e.g. a uprobe on malloc: count and callers
        sampling = ["-e", event] if event else ["-F", "499"]
        subprocess.run(["perf", "record", *sampling, "--call-graph", callgraph, "-o", data, "-p", str(cowl.pid), "--", "sleep",
                        str(seconds)], capture_output=True, check=True)
    finally:
        load.wait()
    report = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "--sort", "dso,sym",
                             "-g", "none", "--percent-limit", "0.8"], capture_output=True, text=True).stdout
    rows = [line.rstrip()[:150] for line in report.splitlines() if line.strip()[:1].isdigit()]
    print(f"\nperf: Cowl under the {test.key if test else 'h1'} load for {seconds} s (self time, top symbols; data {data})")
    for line in rows[:30]:
        print(f"  {line.strip()}")


def syscalls_per_request(peers, seconds, materials, host):
    """strace -c on each proxy under a light h1 load: system calls per request, by call."""
    print(f"\nsystem calls per request under the h1 load (strace -c for {seconds} s; strace slows the proxy, "
          f"the count per request is what matters)")
    for peer in peers:
        pids = [str(p) for p in peer.pids()]
        tracer = subprocess.Popen(["strace", "-c", "-f", "-q", *[a for p in pids for a in ("-p", p)]],
                                  stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(0.5)
            command, _, parse = wrk_command(16, "/small", seconds, peer, host, materials)
            output = subprocess.run(command, capture_output=True, text=True).stdout
        finally:
            tracer.send_signal(signal.SIGINT)
            _, counts = tracer.communicate()
        run = measure.Run()
        parse(output, run)
        requests = max(1, run.requests)
        rows = []
        for line in counts.splitlines():
            cols = line.split()
            if len(cols) >= 5 and cols[0][0].isdigit() and cols[-1] not in ("total",):
                rows.append((int(cols[3]), cols[-1]))
        total = sum(n for n, _ in rows)
        top = ", ".join(f"{name} {n / requests:.2f}" for n, name in sorted(rows, reverse=True)[:6])
        print(f"  {peer.name:8} {total / requests:5.2f} per request ({top})")


def memory_under_transfer(node, size, port, host, materials, directory):
    """VmRSS of the node sampled every 50 ms during a download and an upload of `size` bytes."""
    url = f"https://[::1]:{port}"
    common = ["curl", "-sk", "--http1.1", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{size_upload}",
              "-H", f"Host: {host}", "-H", f"Authorization: {materials.basic_header()}"]
    upload_file = os.path.join(directory, "upload.bin")
    with open(upload_file, "wb") as f:
        f.truncate(size)
    rows = {}
    for name, command in (("download", common + [f"{url}/{'1g' if size == GIB else '1m'}"]),
                          ("upload", common + ["-T", upload_file, f"{url}/upload"])):
        if name == "download" and size != GIB:
            command = common + ["-r", f"0-{size - 1}", f"{url}/1g"]
        samples, done = [], threading.Event()

        def sample():
            while not done.is_set():
                samples.append(measure.rss_kib(node.pid))
                time.sleep(0.05)

        before = measure.rss_kib(node.pid)
        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.monotonic() - started
        done.set()
        sampler.join()
        after = measure.rss_kib(node.pid)
        rows[name] = {"status": result.stdout.strip(), "seconds": elapsed, "rss_before_kib": before,
                      "rss_peak_kib": max(samples + [before, after]), "rss_after_kib": after,
                      "samples": len(samples)}
    os.unlink(upload_file)
    return rows


def fmt(value, spec):
    return "-" if value is None else format(value, spec)


def ratio(cowl, peer, lower_is_better):
    if lower_is_better is None:  # a description, not a score
        return "-"
    if cowl is None or peer is None or cowl == 0 or peer == 0:
        return "-"
    return f"{(peer / cowl if lower_is_better else cowl / peer):.2f}x"


FIGURES = {
    "rps": ("req/s", ".0f", False),
    "mbps": ("MB/s", ".0f", False),
    "p50": ("p50 ms", ".2f", True),
    "p99": ("p99 ms", ".2f", True),
    "cpu": ("CPU us/req", ".1f", True),
    "kernel": ("kernel %", ".0f", None),
}


def figure(run, key):
    return {"rps": run.rps, "mbps": run.mbps, "p50": run.p50_ms, "p99": run.p99_ms,
            "cpu": run.proxy_us_per_request, "kernel": run.proxy_kernel_share}[key]


def print_table(tests, results, names):
    for test in tests:
        print(f"\n{test.title}")
        header = f"  {'':8}" + "".join(f"{FIGURES[k][0]:>12}" for k in test.better) + f"{'other cores':>13}{'errors':>8}"
        print(header)
        medians = {}
        for name in names:
            runs = results[test.key][name]
            medians[name] = {k: median([figure(r, k) for r in runs]) for k in test.better}
            other = max(r.other_cores for r in runs)
            errors = sum(r.errors for r in runs)
            busy = " busy" if any(r.note for r in runs) else ""
            print(f"  {name:8}" + "".join(f"{fmt(medians[name][k], FIGURES[k][1]):>12}" for k in test.better)
                  + f"{other:>13.2f}{errors:>8}{busy}")
            stalls = {}
            for r in runs:
                for counter, per in r.tcp.items():
                    stalls[counter] = max(stalls.get(counter, 0), per)
            if stalls:
                print(f"  {'':8}  TCP per 10k requests: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stalls.items())))
            noisiest = max(runs, key=lambda r: r.other_cores)
            if noisiest.other_cores >= 0.03:
                named = ", ".join(f"{n} {c:.2f}" for n, c in noisiest.other_top) or "in no thread's time (interrupts?)"
                print(f"  {'':8}  other: {named}")
        if "cowl" in names:
            for peer in (n for n in names if n != "cowl"):
                print(f"  {'cowl/' + peer:8}" + "".join(
                    f"{ratio(medians['cowl'][k], medians[peer][k], FIGURES[k][2]):>12}" for k in test.better))
    if "cowl" in names:
        print("\n  ratios: Cowl's advantage, >1.00x = Cowl better (req/s, MB/s: cowl/peer; "
              "latency, CPU: peer/cowl)")


def node_binary(args):
    return args.node or os.path.join(args.build, "node", "cowl-node")


def cowl_mode(args, wanted):
    """How Cowl is measured: "node", "library" or None (not at all), saying why when not as asked."""
    if "cowl" not in wanted:
        return None
    from cowl import serve_supports_proxy
    why = serve_supports_proxy(node_binary(args))
    if args.cowl == "node" and why:
        sys.exit(f"bench: cannot measure Cowl as a node: {why}")
    if args.cowl == "auto" and why:
        if not os.path.exists(os.path.join(args.build, "node", "libcowl-node-proxy.a")):
            print(f"Cowl not measured: {why}, and {args.build} has no libcowl-node-proxy.a either", flush=True)
            wanted.remove("cowl")
            return None
        print(f"Cowl measured as the ProxyServer library alone: {why}", flush=True)
        return "library"
    return "library" if args.cowl == "library" else "node"


def stop_on_signal(number, _frame):
    # SystemExit unwinds through main's finally: every process started is stopped, the container too.
    raise SystemExit(f"bench: stopped by signal {number}")


def main():
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run, about a minute")
    parser.add_argument("--node", help="cowl-node binary (default BUILD/node/cowl-node)")
    parser.add_argument("--build", default=os.environ.get("COWL_BUILD_DIR", "build/default"))
    parser.add_argument("--seconds", type=int, help="seconds per measured run (default 6, quick 2)")
    parser.add_argument("--rounds", type=int, help="rounds A B C (default 3, quick 1)")
    parser.add_argument("--cowl", choices=("auto", "node", "library"), default="auto",
                        help="node: cowl-node serve and a real container; library: the ProxyServer library "
                             "alone; auto: node when serve has --proxy-listen, else library")
    parser.add_argument("--peers", default=",".join(PEER_ORDER), help="comma list of cowl,nginx,haproxy")
    parser.add_argument("--peer-auth", choices=("cheap", "crypt"), default="cheap",
                        help="cheap: nginx {SSHA}, HAProxy insecure-password; crypt: both sha256-crypt")
    parser.add_argument("--memory-gib", type=float, help="size of the memory transfer (default 1, quick 0.25)")
    parser.add_argument("--tests", default="h1,handshake,h2,1m", help="comma list of h1,handshake,h2,1m")
    parser.add_argument("--profile", type=int, metavar="SECONDS",
                        help="also perf record Cowl under the h1 load for SECONDS and print its top symbols")
    parser.add_argument("--perf-data", help="where to keep perf.data of --profile")
    parser.add_argument("--profile-test", default="h1", help="the test whose load --profile records under")
    parser.add_argument("--syscalls", type=int, metavar="SECONDS",
                        help="also count each proxy's system calls per request under the h1 load (strace -c)")
    parser.add_argument("--perf-callgraph", default="fp",
                        help="perf record --call-graph mode: fp (needs -fno-omit-frame-pointer) or dwarf")
    parser.add_argument("--half-rounds", type=int, help="rounds of the paced half-peak series (default --rounds)")
    parser.add_argument("--half-rate", type=float, metavar="REQ_PER_S",
                        help="pace the half-peak series at this rate; with --tests '' only that series runs")
    parser.add_argument("--json", help="also write every run's figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    seconds = args.seconds or (2 if args.quick else 6)
    rounds = args.rounds or (1 if args.quick else 3)
    memory_bytes = int((args.memory_gib or (0.25 if args.quick else 1)) * GIB)
    wanted = [p for p in PEER_ORDER if p in args.peers.split(",")]

    for tool in ("nginx", "haproxy", "wrk", "h2load", "curl", "gcc", "nsenter", "lxc-info"):
        if shutil.which(tool) is None:
            sys.exit(f"bench: {tool} is missing; install the bench packages: installers/deps.sh bench")

    directory = tempfile.mkdtemp(prefix="cowl-bench-proxy-")
    started = time.monotonic()
    print(f"proxy benchmark {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, {WORKERS} CPUs, "
          f"load average {load_average()}, {seconds} s x {rounds} rounds, temp {directory}", flush=True)
    node = upstream = None
    peers = []
    try:
        mode = cowl_mode(args, wanted)
        host = "bench.cowl.test"
        if mode == "node":
            from cowl import CowlNode
            node = CowlNode(node_binary(args), directory, free_port())
            host = node.make_container()
            node.name, node.port = "cowl", node.proxy_port
            init_pid, container_ip = node.container_network()
            cert, key = node.cert, node.key
        else:
            cert, key = self_signed(directory, host)
        materials = Materials(directory, cert, key, args.peer_auth)
        print(f"auth: {materials.auth_label}", flush=True)
        if mode == "node":
            upstream = Upstream(materials, container_ip, 80, netns_pid=init_pid)
            print(f"upstream: nginx in the container's network namespace at {upstream.address}; "
                  f"Cowl: cowl-node serve (pid {node.pid})", flush=True)
        else:
            upstream = Upstream(materials, "::1", free_port())
            print(f"upstream: nginx at {upstream.address} (no container)", flush=True)
        if mode == "library":
            from cowl import CowlLibrary
            node = CowlLibrary(args.build, directory, free_port(), cert, key, upstream)
            host = node.host
            print(f"Cowl: the ProxyServer library alone (tests/bench/proxy/proxy_library.cpp against "
                  f"{args.build}), pid {node.pid}", flush=True)
        if node is not None:
            peers.append(node)
        for name in ("nginx", "haproxy"):
            if name in wanted:
                peers.append(PeerProxy(name, materials, free_port(), host, upstream, WORKERS))
        names = [p.name for p in peers]
        for peer in peers:
            check_same_job(peer, host, materials)

        # h1 sets the paced rate unless --half-rate does.
        tests = [t for t in make_tests(directory)
                 if t.key in args.tests.split(",") or (t.key == "h1" and not args.half_rate)]
        results = {t.key: {n: [] for n in names} for t in tests}
        for test in tests:
            print(f"{test.key}: warm-up and {rounds} rounds of {' '.join(names)}, each round starting one later",
                  flush=True)
            for peer in peers:
                warm_up(test, peer, materials, host, upstream.pids())
            for round_index in range(rounds):
                # Each round starts with the next peer, so none always goes
                # first (right after the warm-up) or last.
                start = round_index % len(peers)
                for peer in peers[start:] + peers[:start]:
                    results[test.key][peer.name].append(
                        run_one(test, peer, seconds, materials, host, upstream.pids()))

        if tests:
            print_table(tests, results, names)

        if tests:
            peak = min(median([r.rps for r in results["h1"][n]]) for n in names)
            rate = args.half_rate or peak / 2
        else:
            rate = args.half_rate
        at_rate = half_peak(peers, rate, seconds, args.half_rounds or rounds, materials, host, upstream, directory)
        print_half_peak(rate, at_rate)
        wakeup = wakeup_cost(directory)
        if wakeup:
            print(f"  this machine: a round trip between two idle cores (two wake-ups, wakeup.c: what a proxy's hop adds "
                  f"to a direct request before it does any work) p50 {wakeup[0]:.0f} us, p99 {wakeup[1]:.0f} us")

        if args.syscalls:
            syscalls_per_request(peers, args.syscalls, materials, host)
        if args.profile and node is not None:
            profile(node, args.profile, materials, host, directory, args.perf_data, args.perf_callgraph,
                    next(t for t in make_tests(directory) if t.key == args.profile_test))

        memory = None
        if node is not None:
            memory = memory_under_transfer(node, memory_bytes, node.port, host, materials, directory)
            what = "cowl-node" if mode == "node" else "proxy_library"
            print(f"\nVmRSS of {what} during a {memory_bytes / GIB:g} GiB transfer through the proxy "
                  f"(curl, HTTP/1.1; status, bytes down, bytes up)")
            for name, row in memory.items():
                print(f"  {name:8} {row['status']:>30}  {row['seconds']:.1f} s  RSS before "
                      f"{row['rss_before_kib'] / 1024:.1f} MiB, peak {row['rss_peak_kib'] / 1024:.1f} MiB, "
                      f"after {row['rss_after_kib'] / 1024:.1f} MiB ({row['samples']} samples)")
        print(f"\nload average at the end {load_average()}; took {time.monotonic() - started:.0f} s", flush=True)

        if args.json:
            with open(args.json, "w") as f:
                json.dump({"results": {t: {n: [vars(r) for r in runs] for n, runs in by.items()}
                                       for t, by in results.items()},
                           "half_peak": {"rate": rate, "runs": {n: [vars(r) for r in runs] for n, runs in at_rate.items()}},
                           "wakeup_us": wakeup, "memory": memory, "auth": materials.auth_label}, f, indent=1)
    finally:
        for peer in peers:
            if peer is not node:
                peer.stop()
        if upstream is not None:
            upstream.stop()
        if node is not None:
            node.stop()
        if args.keep:
            print(f"kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
