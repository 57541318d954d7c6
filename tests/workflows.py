"""Runs one job of a GitHub Actions workflow here, step by step, as GitHub would.

GitHub cannot be reached from the test machine, so the workflows are proven by
running their ``run:`` steps in order in a clean clone, with what GitHub
provides: the ``GITHUB_*`` and ``RUNNER_*`` variables, the event payload file,
``${{ }}`` expressions and ``if:`` conditions evaluated against the same
contexts, outputs, the step summary, and bash with ``-eo pipefail``.

Actions (``uses:``) are not run. The few the workflows use are emulated:
checkout (the test prepares the clone), setup-python (Python is here),
upload/download-artifact (a folder per artifact name), and configure-pages
and upload-pages-artifact (the Pages address, and the site as the artifact
``github-pages``; deploying is GitHub's own job). Any other action
makes the run fail loudly, so a new one cannot slip by untested.

The expression evaluator covers the subset of GitHub's expression language
our workflows use; anything else raises ``ExpressionError``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml


class ExpressionError(Exception):
    pass


_TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>\d+(?:\.\d+)?)"
                    r"|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                    r"|(?P<name>[A-Za-z_][\w-]*(?:\.(?:\*|[A-Za-z_][\w-]*))*))")
_EMBEDDED = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _truthy(value) -> bool:
    return value not in (None, False, "", 0)


def _number(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip() or 0)
        except ValueError:
            return float("nan")
    return float("nan")


def _loose_equal(a, b) -> bool:
    """GitHub's ==: strings case-insensitively; mixed types as numbers (null and '' are 0)."""
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b) or isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return a == b
    return _number(a) == _number(b)


class _Parser:
    """Recursive descent over: || && == != ! ( ) literals, contexts, functions."""

    def __init__(self, text: str, contexts: dict, status: dict):
        self.tokens, position = [], 0
        while position < len(text.rstrip()):
            match = _TOKEN.match(text, position)
            if not match or match.end() == position:
                raise ExpressionError(f"cannot read {text[position:]!r} in {text!r}")
            self.tokens.append((match.lastgroup, match.group(match.lastgroup)))
            position = match.end()
        self.text, self.contexts, self.status, self.index = text, contexts, status, 0

    def _peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def _take(self, value=None):
        token = self._peek()
        if value is not None and token[1] != value:
            raise ExpressionError(f"expected {value!r} in {self.text!r}")
        self.index += 1
        return token

    def parse(self):
        value = self._or()
        if self.index != len(self.tokens):
            raise ExpressionError(f"unexpected {self._peek()[1]!r} in {self.text!r}")
        return value

    def _or(self):
        value = self._and()
        while self._peek()[1] == "||":
            self._take()
            other = self._and()
            value = value if _truthy(value) else other
        return value

    def _and(self):
        value = self._equality()
        while self._peek()[1] == "&&":
            self._take()
            other = self._equality()
            value = other if _truthy(value) else value
        return value

    def _equality(self):
        value = self._unary()
        while self._peek()[1] in ("==", "!="):
            op = self._take()[1]
            other = self._unary()
            value = _loose_equal(value, other) == (op == "==")
        return value

    def _unary(self):
        if self._peek()[1] == "!":
            self._take()
            return not _truthy(self._unary())
        return self._primary()

    def _primary(self):
        kind, text = self._take()
        if text == "(":
            value = self._or()
            self._take(")")
            return value
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind != "name":
            raise ExpressionError(f"unexpected {text!r} in {self.text!r}")
        if text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[text]
        if self._peek()[1] == "(":
            return self._call(text)
        return self._lookup(text)

    def _call(self, name: str):
        self._take("(")
        arguments = []
        while self._peek()[1] != ")":
            arguments.append(self._or())
            if self._peek()[1] == ",":
                self._take()
        self._take(")")
        if name in self.status:
            return self.status[name]
        if name == "contains":
            haystack, needle = arguments
            if isinstance(haystack, list):
                return any(_loose_equal(item, needle) for item in haystack)
            return str(needle).lower() in str(haystack or "").lower()
        raise ExpressionError(f"function {name}() is not emulated")

    def _lookup(self, path: str):
        parts = path.split(".")
        if parts[0] not in self.contexts:
            raise ExpressionError(f"unknown context {parts[0]!r} in {self.text!r}")
        if parts[0] == "secrets" and len(parts) == 2:
            return self.contexts["secrets"].get(parts[1], "")  # a secret not set is 
        values, is_list = [self.contexts[parts[0]]], False
        for part in parts[1:]:
            if part == "*":
                values = [item for value in values for item in (value or [])]
                is_list = True
            else:
                values = [value.get(part) if isinstance(value, dict) else None for value in values]
        return values if is_list else values[0]


def evaluate(text: str, contexts: dict, status: dict | None = None):
    return _Parser(text, contexts, status or {}).parse()


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def substitute(text: str, contexts: dict) -> str:
    """Replaces every ``${{ expression }}`` in a string, as GitHub does before a step runs."""
    return _EMBEDDED.sub(lambda m: _as_text(evaluate(m.group(1), contexts)), text)


@dataclass
class Step:
    name: str
    outcome: str  # success, failure or skipped
    stdout: str = ""
    stderr: str = ""


@dataclass
class JobRun:
    steps: list[Step] = field(default_factory=list)
    summary: str = ""
    skipped: bool = False

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    @property
    def succeeded(self) -> bool:
        return all(s.outcome != "failure" for s in self.steps)

    @property
    def log(self) -> str:
        return "\n".join(f"== {s.name}: {s.outcome}\n{s.stdout}{s.stderr}" for s in self.steps)


@dataclass
class Event:
    """What GitHub knows about the run: the event and everything around it."""
    name: str
    payload: dict
    repository: str = "gemeenten/goede-praktijken"
    ref: str = "refs/heads/main"
    sha: str = ""
    base_ref: str = ""
    head_ref: str = ""
    token: str = "ghs_workflowtoken"
    secrets: dict = field(default_factory=dict)


def _read_outputs(path: Path) -> dict:
    """name=value lines and name<<DELIMITER blocks, GitHub's $GITHUB_OUTPUT format."""
    outputs, lines = {}, path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            outputs[name] = "\n".join(lines[index + 1:end])
            index = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        index += 1
    return outputs


class _Actions:
    """The actions our workflows use, emulated; any other one fails the step."""

    def __init__(self, artifacts: Path):
        self.artifacts = artifacts

    def run(self, uses: str, inputs: dict, workspace: Path, github: dict) -> tuple[str, str, dict]:
        """(outcome, log, outputs) of one ``uses:`` step."""
        action = uses.split("@")[0]
        if action == "actions/configure-pages":
            owner, name = github["repository"].split("/")
            return "success", "configure-pages: emulated\n", {"base_url": f"https://{owner}.github.io/{name}"}
        if action == "actions/upload-pages-artifact":
            action, inputs = "actions/upload-artifact", {"name": "github-pages", "path": inputs["path"]}
        return (*self._run(action, inputs, workspace), {})

    def _run(self, action: str, inputs: dict, workspace: Path) -> tuple[str, str]:
        if action in ("actions/checkout", "actions/setup-python"):
            return "success", f"{action}: emulated (prepared by the test)\n"
        if action == "actions/upload-artifact":
            source = workspace / inputs["path"]
            target = self.artifacts / inputs["name"]
            if not source.exists():
                return "success", f"warning: no files found at {inputs['path']}\n"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
            return "success", f"uploaded {inputs['name']}\n"
        if action == "actions/download-artifact":
            source = self.artifacts / inputs["name"]
            if not source.is_dir():
                return "failure", f"artifact {inputs['name']} not found\n"
            shutil.copytree(source, workspace / inputs.get("path", inputs["name"]), dirs_exist_ok=True)
            return "success", f"downloaded {inputs['name']}\n"
        return "failure", f"{action} is not emulated by tests/workflows.py\n"


def run_job(workflow: Path, job_id: str, event: Event, *, workspace: Path, temp: Path,
            artifacts: Path, environ: dict) -> JobRun:
    """Runs the job's steps in order in ``workspace``; ``environ`` is the runner's environment."""
    definition = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    job = definition["jobs"][job_id]
    temp.mkdir(parents=True, exist_ok=True)
    event_file = temp / "event.json"
    event_file.write_text(json.dumps(event.payload), encoding="utf-8")
    github = {"event_name": event.name, "event": event.payload, "token": event.token,
              "repository": event.repository, "repository_owner": event.repository.split("/")[0],
              "ref": event.ref, "sha": event.sha, "base_ref": event.base_ref,
              "head_ref": event.head_ref, "workspace": str(workspace), "run_id": "1",
              "server_url": "https://github.com", "api_url": "https://api.github.com"}
    contexts = {"github": github, "secrets": {"GITHUB_TOKEN": event.token, **event.secrets},
                "runner": {"temp": str(temp), "os": "Linux"}, "env": {}, "vars": {},
                "steps": {}, "inputs": {}}
    variables = {**environ, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event.name,
                 "GITHUB_EVENT_PATH": str(event_file), "GITHUB_WORKSPACE": str(workspace),
                 "GITHUB_REPOSITORY": event.repository, "GITHUB_REF": event.ref,
                 "GITHUB_SHA": event.sha, "GITHUB_BASE_REF": event.base_ref,
                 "GITHUB_HEAD_REF": event.head_ref, "GITHUB_RUN_ID": "1", "RUNNER_TEMP": str(temp),
                 "GITHUB_SERVER_URL": github["server_url"], "GITHUB_API_URL": github["api_url"]}
    run = JobRun()
    if "if" in job and not _truthy(evaluate(_strip(job["if"]), contexts,
                                            {"always": True, "success": True, "failure": False,
                                             "cancelled": False})):
        run.skipped = True
        return run
    actions, failed = _Actions(artifacts), False
    for number, step in enumerate(job["steps"]):
        name = step.get("name") or step.get("uses") or f"stap {number}"
        status = {"always": True, "success": not failed, "failure": failed, "cancelled": False}
        condition = _strip(str(step.get("if", "success()")))
        if not re.search(r"\b(always|success|failure|cancelled)\(", condition):
            condition = f"success() && ({condition})"
        if not _truthy(evaluate(condition, contexts, status)):
            run.steps.append(Step(name, "skipped"))
            continue
        step_env = {k: substitute(str(v), contexts) for k, v in {**job.get("env", {}),
                                                              **step.get("env", {})}.items()}
        if "uses" in step:
            inputs = {k: substitute(str(v), contexts) for k, v in (step.get("with") or {}).items()}
            outcome, output, outputs = actions.run(step["uses"], inputs, workspace, github)
            run.steps.append(Step(name, outcome, output))
            if "id" in step:
                contexts["steps"][step["id"]] = {"outputs": outputs, "outcome": outcome}
        else:
            outcome, result = _run_script(substitute(step["run"], contexts), workspace, temp,
                                          {**variables, **step_env}, number)
            run.steps.append(Step(name, outcome, result.stdout, result.stderr))
            run.summary += result.summary
            if "id" in step:
                contexts["steps"][step["id"]] = {"outputs": result.outputs, "outcome": outcome}
        failed = failed or run.steps[-1].outcome == "failure"
    return run


def _strip(condition: str) -> str:
    match = _EMBEDDED.fullmatch(condition.strip())
    return match.group(1) if match else condition


@dataclass
class _ScriptResult:
    stdout: str
    stderr: str
    outputs: dict
    summary: str


def _run_script(script: str, workspace: Path, temp: Path, variables: dict, number: int):
    """bash --noprofile --norc -eo pipefail {0}: GitHub's default shell on Linux."""
    files = {name: temp / f"{name}-{number}" for name in ("script", "output", "summary", "env")}
    files["script"].write_text(script, encoding="utf-8")
    for name in ("output", "summary", "env"):  # $GITHUB_ENV exists so writes work; not carried over
        files[name].write_text("", encoding="utf-8")
    variables = {**variables, "GITHUB_OUTPUT": str(files["output"]),
                 "GITHUB_STEP_SUMMARY": str(files["summary"]), "GITHUB_ENV": str(files["env"])}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(files["script"])],
                          cwd=workspace, env=variables, capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL, check=False)
    result = _ScriptResult(done.stdout, done.stderr, _read_outputs(files["output"]),
                           files["summary"].read_text(encoding="utf-8"))
    return ("success" if done.returncode == 0 else "failure"), result
