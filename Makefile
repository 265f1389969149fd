# guidepost: see README.md. Every target runs from the repository root.
GO ?= go

.PHONY: build dev check test lint setup offline single bench bench-dev bench-hugo bench-search corpus screenshots audit clean

build: ## build the sample site into public/
	$(GO) run ./generator build

dev: ## serve the sample site on 127.0.0.1, rebuild and reload on change
	$(GO) run ./generator dev

check: ## validate the sample site, write nothing
	$(GO) run ./generator check

offline: ## build an offline copy of the sample site into public-offline/ and pack it as guidepost-offline.zip
	$(GO) run ./generator build --offline --out public-offline --zip guidepost-offline.zip

single: ## build the sample site as one self-contained HTML file, guidepost.html
	$(GO) run ./generator build --single-file guidepost.html

setup: ## install what the tests need (chromium, Java, the npm checkers) when missing
	@bash .ci/setup

test: setup ## run every test, fuzz seed corpora included
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 19m ./...

STATICCHECK ?= $(shell go env GOPATH)/bin/staticcheck

lint: ## go vet and staticcheck (installed by make setup) over every package
	$(GO) vet ./...
	$(STATICCHECK) ./...

N ?= 10000
BENCHCOUNT ?= 6

corpus: ## write a generated corpus of N articles (default 10000) into corpus/guidepost and corpus/hugo
	$(GO) run ./generator/internal/cmd/corpus -n $(N) -out corpus

bench: ## Go benchmarks (benchstat format): loading, rendering, full builds at 1,000 and 10,000 articles
	$(GO) test -run XXX -bench . -benchmem -count $(BENCHCOUNT) ./generator/...

bench-hugo: ## build the N-article corpus with Hugo and with guidepost, alternating; medians and ratios
	N=$(N) bash .ci/bench-hugo

bench-search: ## what search costs a cold build of the N-article corpus: pairs of builds, search off and on; median ratios
	N=$(N) bash .ci/bench-search

bench-dev: ## dev mode's latency from saving an article to the reload event, at 1,000 and 10,000 articles (make bench runs it too)
	$(GO) test -run XXX -bench EditToReload -count $(BENCHCOUNT) ./generator/internal/devserver

screenshots: setup ## PNGs of each kind of page at 375 and 1280 px, light and dark, and as printed, into screenshots/
	$(GO) run ./generator/internal/cmd/screenshots -out screenshots

audit: setup ## Lighthouse's four scores for the home page, an article and the questionnaire (installs Lighthouse once)
	@bash .ci/audit

clean: ## remove what the targets above write
	rm -rf public public-offline guidepost-offline.zip guidepost.html screenshots corpus
