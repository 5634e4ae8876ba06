"""Every number that makes a matching decision, in one place.

Scores run 0..1 (like yente). The score is the name similarity plus signed adjustments for
the other features, clamped to [0, 1]; see ``compare.compare_records``.

How they were chosen: the weights were set by reasoning about the evidence (a differing
plant number or registration number is nearly proof of a different firm; a differing
country is proof unless the data are wrong; a trading arm on one side only is another
legal entity). The two decision thresholds were chosen by 5-fold cross-validation by brand
family on the ``tune`` split of ``tests/generators/matching_pairs.py`` plus the older
``tests/data/matching_pairs.csv`` (``bench/bench_matching_quality.py`` prints the folds and
the recommendation): PROPOSE is the middle of the best-F1 run, 0.82 in every fold.
AUTO_MERGE is kept at 0.92, above the 0.84 the folds would allow (lowest threshold with no
wrong automatic merge, plus 0.02): an automatic merge destroys information, a proposal
costs a reviewer a click. The ``held_out`` split chose nothing; its figures are the ones
to quote.
"""

from __future__ import annotations

ALGORITHM_VERSION = "flrisk-match-v2"

# Decisions.
AUTO_MERGE_THRESHOLD = 0.92  # at or above, and no conflicting feature: merge without review
PROPOSE_THRESHOLD = 0.82  # at or above: a reviewer decides; below: a new supplier
DEFAULT_MIN_SCORE = 0.50  # match() drops candidates below this (they would only be noise)

# Name similarity.
GENERIC_TOKEN_WEIGHT = 0.45  # industry words ("textile", "trading") count for less than names
LOCATION_TOKEN_WEIGHT = 0.35  # a name word that is the record's own city ("Shenzhen ABC")
TOKEN_FUZZY_MIN = 0.80  # two words with rapidfuzz ratio at or above are the same word, typo'd
TOKEN_FUZZY_MIN_LENGTH = 4  # shorter words must match exactly ("abc" vs "abd" are different)
COMPACT_MIN = 0.92  # space-free similarity counts only when near identical ("hua qiang")
ACRONYM_SIMILARITY = 0.85  # "ABC" for "Asia Bangla Cotton"
SKELETON_MIN = 0.80  # consonant skeletons this close pair a romanised word ("nwr" ~ "noor")
SKELETON_CREDIT = 0.75  # and count for less than a word spelled alike
BOTH_SIDES_UNPAIRED_FACTOR = 1.5  # leftover words on both sides contradict each other

# Adjustments (signed contributions).
NUMBER_CONFLICT = -0.40  # "Factory 2" vs "Factory 3": different sites
NUMBER_ONE_SIDED = -0.15  # "ABC Garments" vs "ABC Garments Unit 2": may be the main site
COUNTRY_CONFLICT = -0.50  # a different country is a different legal entity
CITY_AGREE = 0.04
CITY_CONFLICT = -0.30  # same name in another city: another site of the group, not this one
CITY_UNCERTAIN = 0.0  # cities in two scripts that do not line up: no penalty, but no merge
ROLE_CONFLICT = -0.30  # "... Trading" on one side only: the group's trading arm, another entity
CITY_FUZZY_MIN = 0.85  # "Ho Chi Minh" vs "Hochiminh", "Gurgaon" vs "Gurugram" is not caught
REGISTRATION_AGREE = 0.30  # identical registration number: strong evidence of identity
REGISTRATION_CONFLICT = -0.40  # two different numbers: strong evidence against
LEGAL_KIND_CONFLICT = -0.03  # "Ltd" vs "Partnership": weak, legal forms are often mistyped
