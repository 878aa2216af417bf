// Package web serves shebao's server-rendered pages: login and password
// change, the business catalogue, the enrollment, resumption and stop forms
// with their preview, the unit's items and roster, and kiosk enrolment.
// Every page works without JavaScript, in Simplified Chinese by default and
// in English, with every user-facing string taken from package i18n.
package web

import (
	"crypto/rand"
	"errors"
	"log/slog"
	"net/http"

	"strings"

	"shebao"
	"shebao/reqinfo"
	"shebao/services"
)

// Deps are what the pages need: the services, built once by package
// services, and the office's public address.
type Deps struct {
	Services *services.Set
	// PublicURL is the office's public address (https://…, no trailing
	// slash) that the QR code of a proof points at (SHEBAO_PUBLIC_URL), or
	// the address the request came to when empty.
	PublicURL string
	// FormKey signs the anonymous forms' CSRF nonces (csrf.go). Every
	// instance on one database must have the same: the app reads it from
	// the database. Empty makes a key for this process only.
	FormKey []byte
}

// handler holds the dependencies of every page; one file per page or action
// adds its methods. Pages reach the data only through the services.
type handler struct {
	svc       *services.Set
	clock     shebao.Clock
	log       *slog.Logger
	views     *views
	assets    *assets
	publicURL string
	formKey   []byte
}

// New returns the page routes, with session loading, cross-origin
// protection, a request body limit and security headers. The JSON API is
// mounted separately; New's handler already loads and saves sessions, so it
// must not be wrapped in Sessions.LoadAndSave again.
func New(d Deps) (http.Handler, error) {
	if d.Services == nil {
		return nil, errors.New("web: no services")
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	vs, err := parseViews(as)
	if err != nil {
		return nil, err
	}
	h := &handler{svc: d.Services, clock: d.Services.Clock, log: reqinfo.Logger(d.Services.Log), views: vs, assets: as,
		publicURL: strings.TrimRight(d.PublicURL, "/"), formKey: d.FormKey}
	if len(h.formKey) == 0 {
		h.formKey = make([]byte, 32)
		_, _ = rand.Read(h.formKey) // crypto/rand.Read never fails
	}
	return h.middleware(h.routes()), nil
}
