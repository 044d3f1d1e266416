"""Runs ToolRL's own reward (reward_rlla.py) on JSON lines from stdin, for the parity test.

Each input line is {"env": {...}, "step": n, "solution": str, "ground_truth": str}; each output
line is [score, format, correctness, length], or {"error": "<exception type>"} where
compute_score raises. The reference prints a lot; that goes nowhere.
"""
import contextlib
import io
import json
import os
import sys

sys.path.insert(0, sys.argv[1])
from reward_rlla import compute_score  # noqa: E402

SWITCHES = ["EXPERIMENT_NAME", "REFINEDREWARD", "COARSEREWARD", "INTERMEDIATEREWARD", "MAX1STEP30MAX3",
            "SCHEDULEREWARD", "SCHEDULELENGTH", "CORRECTMAX1", "WITHLENGTH"]

for line in sys.stdin:
    case = json.loads(line)
    for name in SWITCHES:
        os.environ.pop(name, None)
    os.environ.update(case["env"])
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            result = list(compute_score(case["solution"], case["ground_truth"], case["step"]))
    except Exception as err:  # the parity test compares which cases raise
        result = {"error": type(err).__name__}
    sys.stdout.write(json.dumps(result) + "\n")
