"""Tasks run in worker processes, results in the order the tasks came: ``ordered_map``.

Why not ``multiprocessing.Pool``: its parent runs three threads, and the one that watches
the workers wakes whenever a result is waiting in the pipe, spinning until another thread
has read it. Converting 100,000 records on two cores, those threads took a third of the
parent's CPU, which the workers needed. Here the parent has one thread: it writes tasks
and reads results through a pipe to and from each worker, waiting on both with
``poll``; a worker reads a task, runs it and hands the result to a thread of its own
that writes it, going on with its next task meanwhile. The parent's writing without
blocking is what keeps it from deadlock: a worker blocked writing a big result while the
parent is blocked writing it a big task would wait for ever.

POSIX only (``poll`` on pipes). A worker that dies ends the run with an error
naming it; an exception raised by a task is raised again in the parent.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import select
import struct
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from .errors import CitexError

_HEAD = struct.Struct("!Q")  # a message: its length, then its pickle
_READ = 1 << 20


class WorkerDied(CitexError):
    """A worker process ended (killed, out of memory) with work of the run still in it."""


def ordered_map(function: Callable[..., Any], tasks: Iterable[tuple], *, jobs: int, context: Any,
                initializer: Callable[..., None] | None = None, initargs: tuple = (),
                ahead: int = 4) -> Iterator[Any]:
    """``function(*task)`` for each task, over ``jobs`` processes of ``context``
    (a ``multiprocessing`` context), yielded in the tasks' order, with at most
    ``ahead`` tasks a worker in flight (so memory stays flat). Results come in order, so a
    worker may finish what it was given while the one before it is still at work: four a
    worker keep both busy (with two, each sat idle a fifth of the time, on two cores).
    ``function`` and each task must pickle (by reference: a module's function). Workers end
    with the iterator."""
    workers: list[_Worker] = []
    # What the parent holds (modules, tables) is set aside from the collector while the workers
    # fork: a worker's collections then never go over it, each touching every object's header
    # and so copying every page of it from the parent (Python's advice for fork without exec).
    gc.freeze()
    try:
        for _ in range(jobs):
            workers.append(_Worker(context, initializer, initargs, workers))
    finally:
        gc.unfreeze()  # the parent's own collections as before
    try:
        yield from _run(workers, function, iter(tasks), ahead)
    finally:
        for worker in workers:  # all told to end first: they end side by side, not one by one
            worker.close()
        for worker in workers:
            worker.stop()


class _Worker:
    """A worker process, the parent's ends of its two pipes, and what is on its way."""

    def __init__(self, context: Any, initializer: Callable[..., None] | None, initargs: tuple,
                 before: list[_Worker]):
        task_end, self.tasks = context.Pipe(duplex=False)  # (read, write) ends
        self.results, result_end = context.Pipe(duplex=False)
        _widen(self.tasks.fileno())
        _widen(self.results.fileno())
        # a forked worker closes the parent's ends of its own pipes and of the workers' before
        # it, which it inherited: else it would never see the end of its tasks
        others = [end for w in before for end in (w.tasks, w.results)] + [self.tasks, self.results]
        self.process = context.Process(target=_serve, daemon=True,
                                       args=(task_end, result_end, initializer, initargs, others))
        self.process.start()
        task_end.close()  # the worker's ends: a worker that dies leaves the parent an end of file
        result_end.close()
        os.set_blocking(self.tasks.fileno(), False)
        os.set_blocking(self.results.fileno(), False)
        self.outbox: deque[memoryview] = deque()  # tasks (heads and bodies) not yet written
        self.head = bytearray()  # the length of the result being read, as far as it came
        self.result: bytearray | None = None  # ... the result, read into a buffer of its size
        self.got = 0  # ... and how much of it has come
        self.done: deque[bytearray] = deque()  # whole results, in this worker's order
        self.sent = 0  # tasks given whose results have not been yielded yet

    def give(self, message: bytes) -> None:
        self.outbox.append(memoryview(_HEAD.pack(len(message))))
        self.outbox.append(memoryview(message))
        self.sent += 1
        self.write()  # at once, as far as the pipe takes it: the worker may be waiting

    def write(self) -> None:
        """Write what the pipe takes, from the tasks as they are (not copied into one buffer)."""
        try:
            written = os.writev(self.tasks.fileno(), self.outbox)
        except BlockingIOError:
            return
        except BrokenPipeError:
            raise self._died() from None
        outbox = self.outbox
        while written:
            first = outbox[0]
            if written < len(first):
                outbox[0] = first[written:]
                break
            written -= len(first)
            outbox.popleft()

    def read(self) -> None:
        """Read what the worker has sent, until the pipe is empty: each result's length, then the
        result straight into a buffer of that size (reading into a new 1 MB buffer each time,
        then copying out, touched new pages: a page fault every 4 KB)."""
        fd = self.results.fileno()
        try:
            while True:
                if self.result is None:
                    data = os.read(fd, _HEAD.size - len(self.head))
                    if not data:
                        raise self._died()
                    self.head += data
                    if len(self.head) == _HEAD.size:
                        self.result, self.got = bytearray(_HEAD.unpack(self.head)[0]), 0
                        self.head.clear()
                    continue
                n = os.readv(fd, [memoryview(self.result)[self.got:]])
                if not n:
                    raise self._died()
                self.got += n
                if self.got == len(self.result):
                    self.done.append(self.result)
                    self.result = None
        except BlockingIOError:  # all there is, for now
            return

    def _died(self) -> WorkerDied:
        self.process.join(1)
        return WorkerDied(f"worker process {self.process.pid} ended before its work was done "
                          f"(exit code {self.process.exitcode})")

    def close(self) -> None:
        """The worker told to end: its pipes closed (it reads the end of its tasks)."""
        self.tasks.close()
        self.results.close()

    def stop(self) -> None:
        """The worker told to end, and waited for; killed if it has not ended in a while."""
        self.close()
        self.process.join(5 if self.sent == 0 else 0)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


# A pipe that holds a whole task or result (a chunk of records: ~350 KB of real RIS exports).
# Through Linux's default 64 KB, each went over in pieces, the reader waiting for the writer
# to be given a core again for the next: on two cores, with the parent a third process, each
# worker sat a tenth of its time waiting for its next task (real RIS -> BibTeX 100k: 10.2-11.5
# -> 8.4-8.9 s with 1 MB pipes; ``benchmarks/README.md``).
_PIPE_BYTES = 1 << 20


def _widen(fd: int) -> None:
    """The pipe of ``fd`` made to hold _PIPE_BYTES, or as much as the system lets a user
    (/proc/sys/fs/pipe-max-size); left as it is where pipes cannot be sized (not Linux) or the
    user's pipes already take all the system gives them."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, min(_PIPE_BYTES, _pipe_max()))
    except (ImportError, AttributeError, OSError):
        pass


@cache  # read once a run, not for each pipe
def _pipe_max() -> int:
    try:
        with open("/proc/sys/fs/pipe-max-size") as f:
            return int(f.read())
    except (OSError, ValueError):
        return _PIPE_BYTES


def _run(workers: list[_Worker], function: Callable[..., Any], tasks: Iterator[tuple],
         ahead: int) -> Iterator[Any]:
    order: deque[_Worker] = deque()  # the worker of each task given, in the tasks' order
    more = True
    while True:
        while more and len(order) < ahead * len(workers):
            task = next(tasks, None)
            if task is None:
                more = False
                break
            _wait(workers, 0)  # first, news of what is done: no waiting
            worker = min(workers, key=_unfinished)
            worker.give(pickle.dumps((function, task), pickle.HIGHEST_PROTOCOL))
            order.append(worker)
        if not order:
            return
        head = order[0]
        if head.done:
            order.popleft()
            head.sent -= 1
            ok, value = pickle.loads(head.done.popleft())
            if not ok:
                raise value
            yield value
            continue
        _wait(workers)


def _unfinished(worker: _Worker) -> int:
    """Tasks given to the worker whose results have not come back: the least busy gets the next."""
    return worker.sent - len(worker.done)


_READABLE = select.POLLIN | select.POLLHUP | select.POLLERR  # an end or error: read() reports it
_WRITABLE = select.POLLOUT | select.POLLHUP | select.POLLERR  # ... write() does


def _wait(workers: list[_Worker], timeout: float | None = None) -> None:
    """Write what the workers can take, read what they have sent, waiting for either (at most
    ``timeout`` seconds). One poll() call: a selector's registering and unregistering of the
    pipes around each wait took more of the parent's time than the waiting."""
    poller, ends = select.poll(), {}
    for worker in workers:
        if worker.outbox:
            fd = worker.tasks.fileno()
            poller.register(fd, select.POLLOUT)
            ends[fd] = worker
        if _unfinished(worker):  # a result still to come
            fd = worker.results.fileno()
            poller.register(fd, select.POLLIN)
            ends[fd] = worker
    for fd, events in poller.poll(None if timeout is None else timeout * 1000):
        worker = ends[fd]
        if fd == worker.results.fileno():
            if events & _READABLE:
                worker.read()
        elif events & _WRITABLE:
            worker.write()


def _serve(tasks: Any, results: Any, initializer: Callable[..., None] | None, initargs: tuple,
           others: list) -> None:
    """A worker: each task read, run, and its result (or exception) sent, until end of file.

    A thread of its own sends the results, so the worker goes on with its next task while
    the parent, busy writing the records before, has not yet read the last result (a pipe
    holds 64 KB; a chunk's result is more)."""
    for end in others:
        end.close()
    if initializer:
        initializer(*initargs)
    read = tasks.fileno()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send, args=(outbox, results.fileno()), daemon=True)
    sender.start()
    while True:
        head = _read_exactly(read, _HEAD.size)
        body = None if head is None else _read_exactly(read, _HEAD.unpack(head)[0])
        if body is None:  # the end of the tasks (or of the parent, part way through one)
            break
        function, task = pickle.loads(body)
        try:
            message = pickle.dumps((True, function(*task)), pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the parent raises it
            try:
                message = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle: its text
                message = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        outbox.put(_HEAD.pack(len(message)) + message)
    outbox.put(None)
    sender.join()


def _send(outbox: queue.SimpleQueue, fd: int) -> None:
    while (message := outbox.get()) is not None:
        view = memoryview(message)
        try:
            while view:  # one blocking write a message, the GIL let go meanwhile
                view = view[os.write(fd, view):]
        except OSError:  # the parent has gone: nothing to send to
            return


def _read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes, or None at end of file."""
    parts, left = [], size
    while left:
        data = os.read(fd, min(left, _READ))
        if not data:
            return None
        parts.append(data)
        left -= len(data)
    return b"".join(parts)
