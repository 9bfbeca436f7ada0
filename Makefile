# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test lint format admin backup restore screenshots bench bench-imports loadtest observatory clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Set up, load the demo content and serve the site with its mail and PDF workers until Ctrl-C.
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	@echo "Serving http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/, make an account with 'make admin')"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py run_mail_worker & \
	$(PY) manage.py build_guide_pdfs --watch & \
	while true; do $(PY) manage.py publish_scheduled >/dev/null; sleep 60; done & \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole test suite (browser tests too when Chromium is installed; Lighthouse when npm is).
test: $(VENV)/.installed node_modules/.package-lock.json
	$(VENV)/bin/pytest

# Lighthouse, pinned in package.json, for tests/browser/test_lighthouse.py.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the Lighthouse test will be skipped (apt-get install nodejs npm)"; fi

## Create an admin user for http://127.0.0.1:8000/admin/ (asks for a name and password).
admin: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createsuperuser

## Back up the database and uploaded media into backups/<time>/ (or BACKUP_DIR). Safe while the site runs.
backup: $(VENV)/.installed
	$(PY) manage.py backup_site

## Restore a backup into an empty database and media folder: make restore BACKUP=backups/<time>
restore: $(VENV)/.installed
	@if [ -z "$(BACKUP)" ]; then echo "Say which backup: make restore BACKUP=backups/<time>"; ls -1d $${BACKUP_DIR:-backups}/*/ 2>/dev/null; exit 2; fi
	$(PY) manage.py restore_site "$(BACKUP)"
	$(PY) manage.py migrate --noinput

## Every page type at 320, 390 and 1280 px and the admin, as PNGs in screenshots/, from a throwaway demo site
## (needs Chromium: apt-get install chromium). Fewer: make screenshots ARGS="--only guide-part --width 320"
screenshots: $(VENV)/.installed
	$(PY) manage.py take_screenshots $(ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Pages against a static file and a minimal view, cache off and on, order POSTs with mail stalled (needs wrk).
bench: $(VENV)/.installed
	$(PY) bench/run.py

## The restraint imports on files shaped like the real ones: a month (about 200,000 rows) and the ODS files.
bench-imports: $(VENV)/.installed
	$(PY) bench/restraint_import.py

## Orders under load while the mail server and worker fail, on PostgreSQL then SQLite (needs Redis).
loadtest: $(VENV)/.installed
	$(PY) bench/loadtest.py

## Mozilla's HTTP Observatory grading the production server's home page on loopback (needs npm).
observatory: $(VENV)/.installed
	bash bench/observatory

clean:
	rm -rf $(VENV) staticfiles .observatory node_modules
