// Package web serves shebao's server-rendered pages: login and password
// change, the business catalogue, the enrollment, resumption and stop forms
// with their preview, the unit's items and roster, and kiosk enrolment.
// Every page works without JavaScript, in Simplified Chinese by default and
// in English, with every user-facing string taken from package i18n.
package web

import (
	"errors"
	"log/slog"
	"net/http"

	"shebao"
	"shebao/auth"
	"shebao/batch"
	"shebao/billing"
	"shebao/handling"
	"shebao/session"
)

// Deps are what the pages need.
type Deps struct {
	Store     shebao.Store // for terminals (Terminal(code)) and small reads
	Handling  *handling.Service
	Auth      *auth.Service
	Sessions  *session.Manager
	Clock     shebao.Clock
	Log       *slog.Logger
	Office    Office           // the staff pages' services (office.go)
	Catalogue Catalogue        // retirement, changes, proofs, progress (catalogue.go)
	Billing   *billing.Service // contributions (bill.go …); built from Store and Clock when nil
	Batches   *batch.Service   // batch work from Excel (batch.go); built from Store and Handling when nil
}

// handler holds the dependencies of every page; one file per page or action
// adds its methods.
type handler struct {
	store     shebao.Store
	handling  *handling.Service
	auth      *auth.Service
	sess      *session.Manager
	clock     shebao.Clock
	log       *slog.Logger
	views     *views
	assets    *assets
	office    Office
	catalogue Catalogue
	billing   *billing.Service
	batchSvc  *batch.Service
}

// New returns the page routes, with session loading, cross-origin
// protection, a request body limit and security headers. The JSON API is
// mounted separately; New's handler already loads and saves sessions, so it
// must not be wrapped in Sessions.LoadAndSave again.
func New(d Deps) (http.Handler, error) {
	if d.Store == nil || d.Handling == nil || d.Auth == nil || d.Sessions == nil || d.Clock == nil {
		return nil, errors.New("web: missing dependency")
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	vs, err := parseViews(as)
	if err != nil {
		return nil, err
	}
	h := &handler{store: d.Store, handling: d.Handling, auth: d.Auth, sess: d.Sessions,
		clock: d.Clock, log: d.Log, views: vs, assets: as, office: d.Office.withDefaults(d),
		catalogue: d.Catalogue.withDefaults(d)}
	if h.billing = d.Billing; h.billing == nil {
		h.billing = &billing.Service{Store: d.Store, Clock: d.Clock, Log: d.Log}
	}
	if h.batchSvc = d.Batches; h.batchSvc == nil {
		h.batchSvc = &batch.Service{Store: d.Store, Handling: d.Handling, Clock: d.Clock, Log: d.Log}
	}
	return h.middleware(h.routes()), nil
}
