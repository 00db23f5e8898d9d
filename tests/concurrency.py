"""Run the same call from many threads at once, each with its own database connection.

For race tests on PostgreSQL: the threads wait at a barrier and then start together, so their
transactions really overlap. Use with @pytest.mark.django_db(transaction=True), so the threads
see the test's committed data.
"""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(count: int, call: Callable[[int], object]) -> list:
    """call(i) in `count` threads at the same moment; returns each result or raised exception."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = call(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
