"""One worker process: a child that runs the tasks it is sent, one at a time, and sends back each outcome.

The parent holds a `Worker`: the child process and its end of a pipe.  The
child sets itself up once (`setup(*setup_args)`: limits, imports), then
answers each task `(args)` with `(True, function(*args))` or `(False, the
exception)`, until it is sent `None` or its pipe closes.  Everything it
needs is named by module-level functions and plain arguments, so it works
with every start method (`fork`, `forkserver` and `spawn`, the only one on
Windows and the default on macOS).

A child that dies (killed, a crash in a library, `os._exit`) cannot answer:
its pipe closes and its `sentinel` becomes ready, so the parent, which waits
on both (`multiprocessing.connection.wait`), knows at once and `how_it_ended()`
says why.  The other way round, a child whose parent is gone (a build killed
with `kill -9`) ends itself.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import wait


def serve(connection, setup: Callable, setup_args: tuple, function: Callable) -> None:
    """The child's whole life: set up, then run tasks until told to stop (or until the parent is gone)."""
    parent = multiprocessing.parent_process()
    if parent is not None:  # a build killed with `kill -9` leaves no worker behind, even one in an endless render
        threading.Thread(target=_end_with, args=(parent.sentinel,), name="meetingpress-orphan", daemon=True).start()
    tasks: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_read, args=(connection, tasks), name="meetingpress-tasks", daemon=True).start()
    setup(*setup_args)
    while (data := tasks.get()) is not None:
        task = pickle.loads(data)
        if task is None:
            return
        try:
            outcome = (True, function(*task))
        except BaseException as exc:  # noqa: BLE001  sent back, for the parent to raise
            outcome = (False, exc)
        try:
            connection.send(outcome)
        except Exception as exc:  # noqa: BLE001  an outcome that cannot be pickled: say what it was
            connection.send((False, RuntimeError(f"{type(outcome[1]).__name__} could not be sent back: {exc}")))


def _read(connection, tasks: queue.SimpleQueue) -> None:
    """Take in each task as it comes, even during `setup`, so the parent never waits to hand one over (a task is
    unpickled by the main thread: nothing is imported here, beside the imports of `setup`)."""
    while True:
        try:
            tasks.put(connection.recv_bytes())
        except (EOFError, OSError):  # the parent is gone
            tasks.put(None)
            return


def start_method() -> str:
    """The program's choice (`multiprocessing.set_start_method`), else `fork` while this process runs no other
    thread (the fastest: a worker starts with what is imported here), else `forkserver`: a child forked while
    another thread holds a lock would find it held for good.  (Where neither exists, `spawn`.)"""
    chosen = multiprocessing.get_start_method(allow_none=True)
    available = multiprocessing.get_all_start_methods()
    if chosen:
        return chosen
    if "fork" in available and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def _end_with(sentinel) -> None:
    wait([sentinel])
    os._exit(0)


class Died(Exception):
    """A worker ended without answering; the message says how (`how_it_ended`)."""


class Worker:
    """A child process running `serve`, and what it is busy with (`task`, since `since`), if anything."""

    def __init__(self, context, setup: Callable, setup_args: tuple, function: Callable, name: str):
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, setup, setup_args, function), name=name, daemon=True
        )
        self.process.start()
        child.close()  # only the child holds its end now: the parent's read ends when the child does
        self.task = None
        self.since = 0.0

    @property
    def waitables(self) -> tuple:
        """What `multiprocessing.connection.wait` watches for this worker: an answer, or its end."""
        return (self.connection, self.process.sentinel)

    def send(self, task, args: tuple) -> None:
        """Hand the worker a task (`task` is the caller's note of what it is); Died if it has ended already."""
        try:
            self.connection.send(args)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            raise Died(self.how_it_ended()) from None
        self.task, self.since = task, time.monotonic()

    def receive(self) -> tuple[bool, object]:
        """The answer to the current task: (True, result) or (False, exception); Died if the worker ended."""
        try:
            outcome = self.connection.recv()
        except (EOFError, OSError):
            raise Died(self.how_it_ended()) from None
        self.task = None
        return outcome

    def ended(self) -> bool:
        return not self.process.is_alive()

    def how_it_ended(self) -> str:
        self.process.join(5)
        code = self.process.exitcode
        if code is None:
            return "it stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            why = {
                "SIGKILL": ", perhaps by the system for lack of memory",
                "SIGSEGV": ", a crash in a library it uses",
            }.get(name, "")
            return f"killed by {name}{why}"
        return f"it exited with code {code}"

    def stop(self, kill: bool = False) -> None:
        """Ask the worker to finish (or kill it), wait for it to end and close the pipe."""
        self.ask_to_stop(kill)
        self.wait_stopped()

    def ask_to_stop(self, kill: bool = False) -> None:
        """Tell the worker to finish (kill it if `kill`, or if it is busy), without waiting for it."""
        if kill or self.task is not None:
            self.process.terminate()
        else:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                pass

    def wait_stopped(self) -> None:
        """Wait for the worker to end (10 s at most, then kill it) and close the pipe."""
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()
        self.process.close()
