"""process_pool.ordered_map: tasks over worker processes, results in order, no deadlock, no stray workers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

import pytest

from citex.process_pool import WorkerDied, ordered_map

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process_pool is POSIX only")
FORK = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


@pytest.fixture(autouse=True)
def deadline():
    """A deadlock fails the test instead of hanging the run."""
    def fail(*_):
        raise TimeoutError("ordered_map did not finish in 60 s")
    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)
    assert not multiprocessing.active_children(), "a worker outlived ordered_map"


def _uneven(n: int) -> tuple[int, int]:
    time.sleep(0.02 if n % 5 == 0 else 0)  # some tasks slow: later ones finish first
    return n * n, os.getpid()


def _echo_big(blob: bytes) -> bytes:
    return blob[::-1] + blob  # twice what came: results bigger than a pipe holds


def _fail(n: int) -> int:
    if n == 7:
        raise ValueError(f"task {n} failed")
    return n


def _die(n: int) -> int:
    if n == 3:
        os._exit(3)
    return n


def _count(n: int) -> int:
    return n


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_results_come_in_the_tasks_order_from_several_workers():
    done = list(ordered_map(_uneven, ((n,) for n in range(120)), jobs=3, context=FORK))
    assert [square for square, _ in done] == [n * n for n in range(120)]
    assert len({pid for _, pid in done}) == 3 and os.getpid() not in {pid for _, pid in done}


@pytest.mark.skipif(FORK is None or not hasattr(__import__("fcntl"), "F_GETPIPE_SZ"), reason="Linux pipes")
def test_the_pipes_hold_a_whole_chunk():
    """A worker's tasks and results go through pipes of 1 MB (or the system's most), not the
    64 KB default, which a chunk of records crossed in pieces."""
    import fcntl

    from citex.process_pool import _Worker

    with open("/proc/sys/fs/pipe-max-size") as f:
        most = min(int(f.read()), 1 << 20)
    worker = _Worker(FORK, None, (), [])
    try:
        sizes = [fcntl.fcntl(end.fileno(), fcntl.F_GETPIPE_SZ) for end in (worker.tasks, worker.results)]
    finally:
        worker.stop()
    assert sizes == [most, most] and most > 1 << 16


def _frozen(_: int) -> int:
    import gc

    return gc.get_freeze_count()


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_workers_fork_with_the_parents_objects_set_aside_from_the_collector():
    """The objects a worker inherits are frozen in it (its collections never go over them);
    the parent's own are not left frozen."""
    import gc

    assert gc.get_freeze_count() == 0
    inherited = len(gc.get_objects())
    frozen = list(ordered_map(_frozen, [(0,)], jobs=1, context=FORK))
    assert frozen[0] >= inherited // 2 and gc.get_freeze_count() == 0


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_tasks_and_results_bigger_than_a_pipe_do_not_deadlock():
    blobs = [os.urandom(1 << 20) + bytes([n]) for n in range(12)]  # 1 MB out, 2 MB back, each
    done = list(ordered_map(_echo_big, ((b,) for b in blobs), jobs=2, context=FORK, ahead=3))
    assert done == [b[::-1] + b for b in blobs]


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_a_task_that_raises_raises_in_the_parent_after_the_results_before_it():
    got = []
    with pytest.raises(ValueError, match="task 7 failed"):
        for value in ordered_map(_fail, ((n,) for n in range(20)), jobs=2, context=FORK):
            got.append(value)
    assert got == list(range(7))


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_a_worker_that_dies_is_an_error_naming_it():
    with pytest.raises(WorkerDied, match=r"worker process \d+ ended before its work was done \(exit code 3\)"):
        list(ordered_map(_die, ((n,) for n in range(10)), jobs=2, context=FORK))


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_stopping_early_ends_the_workers():
    results = ordered_map(_count, ((n,) for n in range(10_000)), jobs=2, context=FORK)
    assert [next(results) for _ in range(5)] == [0, 1, 2, 3, 4]
    results.close()  # the fixture checks that no worker is left


def test_spawned_workers_too():
    done = list(ordered_map(pow, ((2, n) for n in range(30)), jobs=2,
                            context=multiprocessing.get_context("spawn")))
    assert done == [2 ** n for n in range(30)]


@pytest.mark.skipif(FORK is None, reason="needs fork")
def test_no_tasks_no_results():
    assert list(ordered_map(_count, iter(()), jobs=2, context=FORK)) == []
