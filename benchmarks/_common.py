"""What every benchmark records beside its numbers: command, machine, device, commit."""

import json
import os
import platform
import shlex
import subprocess
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def command_line():
    return " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])


def commit():
    # a tree copied to another machine (a lent GPU) may carry no .git, or a stale one: the
    # sender names the commit it sent, and must have sent it clean
    sent = os.environ.get("SKANOMALY_SENT_COMMIT")
    if sent:
        return f"{sent[:12]} (sent tree)"

    def git(*args):
        try:
            return subprocess.run(
                ["git", *args], cwd=HERE, capture_output=True, text=True, check=False
            ).stdout.strip()
        except OSError:  # no git installed
            return ""

    head = git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "../skanomaly")
    return head + ("-dirty" if dirty else "")


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if "model name" in line)
    except (OSError, StopIteration):
        pass
    # the thread count changes wall times (runs side by side use OMP_NUM_THREADS=1)
    threads = torch.get_num_threads()
    return f"{cpu}, {os.cpu_count()} cores, {threads} torch threads, torch {torch.__version__}"


def device_name(device):
    if str(device).startswith("cuda") and torch.cuda.is_available():
        return f"cuda: {torch.cuda.get_device_name(0)}"
    return "cpu"


def write_json(path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(f"wrote {path.relative_to(HERE.parent)}")
