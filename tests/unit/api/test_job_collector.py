"""A bulk job's collector settings never outlive the job, even one that fails."""

from __future__ import annotations

import gc

import pytest

from api.jobs.collector import BULK_THRESHOLDS, bulk_job, settle


def test_a_failed_job_gives_back_the_collector_as_it_found_it() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), bulk_job():
        assert gc.get_threshold() == BULK_THRESHOLDS
        settle()
        assert gc.get_freeze_count() > 0
        raise RuntimeError("the chunk failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_overlapping_jobs_keep_the_bulk_settings_until_the_last_one_ends() -> None:
    before = gc.get_threshold()
    with bulk_job():
        with bulk_job():
            settle()
        assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_outside_a_job_nothing_is_frozen() -> None:
    settle()
    assert gc.get_freeze_count() == 0
