package web

import (
	"net/http"
	"runtime/debug"

	"shebao"
	"shebao/i18n"
	"shebao/reqinfo"
)

// recoverPanics is the last resort around every page: a request gets an ID,
// and a handler that panics is logged with it and its stack, and answered
// with the 500 page showing the ID, instead of an empty reply.
func (h *handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, id := reqinfo.Ensure(r)
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			h.log.ErrorContext(r.Context(), "page panicked", "method", r.Method,
				"path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			h.panicPage(w, r, id)
		}()
		next.ServeHTTP(w, r)
	})
}

// panicPage answers 500 with the ID; plain text if the page itself fails.
func (h *handler) panicPage(w http.ResponseWriter, r *http.Request, id string) {
	lang := h.lang(r)
	msg := i18n.T(lang, "reason."+shebao.ReasonInternal)
	defer func() {
		if recover() != nil {
			http.Error(w, msg+" "+i18n.T(lang, "error.request_id", id), http.StatusInternalServerError)
		}
	}()
	h.errorPage(w, r, http.StatusInternalServerError, msg)
}

// checkInput applies shebao.CheckText to what a request typed: the path,
// and the form of a POST (parsed by checkCSRF, the query included) or the
// query.
func checkInput(r *http.Request) error {
	if err := shebao.CheckText("path", r.URL.Path, false); err != nil {
		return err // path values ({code}) are looked up as typed
	}
	if r.Method == http.MethodPost {
		return checkForm(r)
	}
	return checkQuery(r)
}

// checkQuery applies shebao.CheckText to every query parameter (search
// terms, filters): one line each.
func checkQuery(r *http.Request) error {
	for name, vals := range r.URL.Query() {
		if name == "next" {
			continue // localPath owns it: a bad one sends to "/"
		}
		for _, v := range vals {
			if err := shebao.CheckText(name, v, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// multilineFields are the form fields typed in a textarea, where line
// breaks and tabs are allowed.
var multilineFields = map[string]bool{"remark": true, "reason": true, "chg_reason": true}

// checkForm applies shebao.CheckText to every value of a parsed form.
func checkForm(r *http.Request) error {
	for name, vals := range r.Form {
		for _, v := range vals {
			if err := shebao.CheckText(name, v, multilineFields[name]); err != nil {
				return err
			}
		}
	}
	return nil
}
