# SPDX-License-Identifier: GPL-3.0-or-later
"""One load run against one proxy: the client's own figures (wrk or h2load)
plus CPU accounting from /proc — the proxy's CPU per request and the machine
CPU that neither the proxy, the upstream nor the client used ("other")."""

import os
import re
import statistics
import subprocess
import time

TICKS = os.sysconf("SC_CLK_TCK")


def read_stat(path):
    """(name, fields after the name) of a /proc/.../stat file, or None when it is gone."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    head, rest = text.rsplit(")", 1)
    return head.split("(", 1)[1], rest.split()


def process_tree(root):
    """root and every descendant (nginx workers are children of the master)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := read_stat(f"/proc/{entry}/stat")):
            parents[int(entry)] = int(stat[1][1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_split(pids):
    """(utime, stime) of the processes (all their threads), in clock ticks."""
    user = system = 0
    for pid in pids:
        if stat := read_stat(f"/proc/{pid}/stat"):
            user += int(stat[1][11])
            system += int(stat[1][12])
    return user, system


def cpu_ticks(pids):
    """utime + stime of the processes (all their threads), in clock ticks."""
    return sum(cpu_split(pids))


def task_ticks():
    """{(pid, tid): (name, utime + stime)} of every thread on the machine."""
    tasks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            if stat := read_stat(f"/proc/{pid}/task/{tid}/stat"):
                name, fields = stat
                tasks[(int(pid), int(tid))] = (name, int(fields[11]) + int(fields[12]))
    return tasks


def other_consumers(before, after, excluded, seconds, top=3):
    """The threads outside `excluded` processes that used the most CPU between two task_ticks()."""
    used = {}
    for key, (name, ticks) in after.items():
        if key[0] in excluded:
            continue
        delta = ticks - before.get(key, (name, 0))[1]
        if delta > 0:
            used[name] = used.get(name, 0) + delta
    ranked = sorted(used.items(), key=lambda item: -item[1])[:top]
    return [(name, ticks / TICKS / seconds) for name, ticks in ranked]


TCP_COUNTERS = ("RetransSegs", "TCPLossProbes", "TCPTimeouts", "TCPRcvQDrop", "TCPBacklogDrop",
                "TCPDelayedACKs")


def tcp_counters():
    """Counters of this network namespace's TCP that show a transfer stalling (retransmits, probes, drops)."""
    counters = {}
    for path in ("/proc/net/snmp", "/proc/net/netstat"):
        with open(path) as f:
            lines = f.read().splitlines()
        for names, values in zip(lines[0::2], lines[1::2]):
            for name, value in zip(names.split()[1:], values.split()[1:]):
                if name in TCP_COUNTERS:
                    counters[name] = int(value)
    return counters


def machine_busy_ticks():
    """Ticks all CPUs spent not idle (guest time is already inside user)."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:9]]
    return sum(values) - values[3] - values[4]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Run:
    """Figures of one client run; None where the client does not give one."""

    def __init__(self):
        self.rps = None
        self.p50_ms = None
        self.p99_ms = None
        self.mbps = None
        self.requests = 0
        self.errors = 0
        self.proxy_us_per_request = None
        self.proxy_kernel_share = None
        self.other_cores = None
        self.seconds = None
        self.note = ""
        self.other_top = []  # (thread name, cores) of what "other" was
        self.tcp = {}  # TCP stall counters during the run, per 10k requests


def run_measured(command, proxy_pids, fixed_pids, env=None, parse=None):
    """Runs the client command while accounting CPU; parse(stdout, run) fills the figures.

    proxy_pids: a callable giving the proxy's processes now (workers may change);
    fixed_pids: the upstream's processes, also excluded from "other"."""
    proxies = proxy_pids()
    proxy_user_before, proxy_system_before = cpu_split(proxies)
    fixed_before = cpu_ticks(fixed_pids)
    busy_before = machine_busy_ticks()
    tasks_before = task_ticks()
    tcp_before = tcp_counters()
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=env, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    proxy_user, proxy_system = cpu_split(proxies)
    proxy_user -= proxy_user_before
    proxy_system -= proxy_system_before
    proxy_ticks = proxy_user + proxy_system
    fixed_ticks = cpu_ticks(fixed_pids) - fixed_before
    busy_ticks = machine_busy_ticks() - busy_before
    tasks_after = task_ticks()
    tcp_after = tcp_counters()
    client_ticks = (usage.ru_utime + usage.ru_stime) * TICKS

    run = Run()
    run.seconds = seconds
    if proc.returncode != 0:
        raise RuntimeError(f"{command[0]} exited with {proc.returncode}:\n{output[-2000:]}")
    parse(output, run)
    if run.requests > 0:
        run.proxy_us_per_request = proxy_ticks / TICKS * 1e6 / run.requests
    if proxy_ticks > 0:
        # Where the proxy's time goes: a high kernel share points at system calls, a low one at its own code.
        run.proxy_kernel_share = 100.0 * proxy_system / proxy_ticks
    other = busy_ticks - proxy_ticks - fixed_ticks - client_ticks
    run.other_cores = max(0.0, other / TICKS / seconds)
    excluded = set(proxies) | set(fixed_pids) | {proc.pid, os.getpid()}
    run.other_top = other_consumers(tasks_before, tasks_after, excluded, seconds)
    if run.requests > 0:
        run.tcp = {name: (tcp_after[name] - tcp_before.get(name, 0)) * 10000 / run.requests
                   for name in tcp_after if tcp_after[name] != tcp_before.get(name, 0)}
    return run


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _duration_ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _UNITS_MS[unit]


def parse_wrk(body_bytes=None):
    """wrk --latency output. body_bytes set: MB/s (10^6 bytes) of bodies from req/s."""

    def parse(output, run):
        for line in output.splitlines():
            fields = line.split()
            if line.startswith("Requests/sec:"):
                run.rps = float(fields[1])
            elif re.match(r"\s+50(\.0+)?%", line):
                run.p50_ms = _duration_ms(fields[1])
            elif re.match(r"\s+99(\.0+)?%", line):
                run.p99_ms = _duration_ms(fields[1])
            elif re.match(r"\s+\d+ requests in", line):
                run.requests = int(fields[0])
            elif line.startswith("  Non-2xx or 3xx responses:"):
                run.errors += int(fields[-1])
            elif line.startswith("  Socket errors:"):
                # Closing after each answer counts no error; timeouts and resets do.
                counts = dict(re.findall(r"(\w+) (\d+)", line.split(":", 1)[1]))
                run.errors += sum(int(v) for v in counts.values())
        if run.rps is None:
            raise RuntimeError("wrk printed no Requests/sec:\n" + output[-2000:])
        if body_bytes:
            run.mbps = run.rps * body_bytes / 1e6

    return parse


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def parse_h2load(log_path, body_bytes=None):
    """h2load output plus its --log-file (third column: µs from request start to end of response)."""

    def parse(output, run):
        for line in output.splitlines():
            match = re.match(r"finished in [\d.]+\w+, ([\d.]+) req/s", line)
            if match:
                run.rps = float(match.group(1))
            match = re.match(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                             r"(\d+) failed, (\d+) errored, (\d+) timeout", line)
            if match:
                run.requests = int(match.group(4))
                run.errors += int(match.group(5)) + int(match.group(6)) + int(match.group(7))
            match = re.match(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", line)
            if match:
                run.errors += int(match.group(3)) + int(match.group(4))
        if run.rps is None:
            raise RuntimeError("h2load printed no req/s:\n" + output[-2000:])
        latencies = []
        with open(log_path) as f:
            for line in f:
                columns = line.split("\t")
                if len(columns) >= 3 and columns[1].startswith("2"):
                    latencies.append(int(columns[2]) / 1000.0)
        os.unlink(log_path)
        latencies.sort()
        run.p50_ms = percentile(latencies, 0.50)
        run.p99_ms = percentile(latencies, 0.99)
        if body_bytes:
            run.mbps = run.rps * body_bytes / 1e6

    return parse


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
