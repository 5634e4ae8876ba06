"""Every migration upgrades and downgrades on SQLite and PostgreSQL, and the models match them."""

from pytest_alembic.tests import (  # noqa: F401  (collected as tests)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
