package web

import (
	"errors"
	"net/http"

	"shebao"
	"shebao/i18n"
	"shebao/reqinfo"
	"shebao/sheet"
)

// pageError is an error of the web layer itself, with its status and the
// catalogue key of its message.
type pageError struct {
	status int
	key    string
}

func (e *pageError) Error() string { return e.key }

// Errors of the web layer.
var (
	errCSRF     = &pageError{http.StatusForbidden, "error.csrf"}
	errTooLarge = &pageError{http.StatusRequestEntityTooLarge, "error.too_large"}
	errBadForm  = &pageError{http.StatusBadRequest, "error.bad_form"}
	errNotFound = &pageError{http.StatusNotFound, "reason.NOT_FOUND"}
	errLogin    = &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: shebao.ReasonNotLoggedIn}
	errIdle     = &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: shebao.ReasonNotLoggedIn}
)

// errorData is what the error page shows.
type errorData struct {
	Status    int
	Message   string
	RequestID string // shown so that a user can quote it (reqinfo)
}

// fail is the one adapter from errors to responses: a redirect to the login
// page for EUNAUTHORIZED, otherwise a status page in the user's language.
// Internal details go to the log only.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	lang := h.lang(r)
	var pe *pageError
	if errors.As(err, &pe) {
		h.errorPage(w, r, pe.status, i18n.T(lang, pe.key))
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		h.errorPage(w, r, http.StatusRequestEntityTooLarge, i18n.T(lang, errTooLarge.key))
		return
	}
	e := shebao.AsError(err)
	status := http.StatusInternalServerError
	switch e.Code {
	case shebao.EUNAUTHORIZED:
		to := "/login"
		if err == errIdle {
			to = "/login?idle=1"
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return
	case shebao.EINVALID:
		status = http.StatusBadRequest
	case shebao.ENOTFOUND:
		status = http.StatusNotFound
	case shebao.EFORBIDDEN:
		status = http.StatusForbidden
	case shebao.ECONFLICT:
		status = http.StatusConflict
	case shebao.EREFUSED:
		status = http.StatusUnprocessableEntity
	case shebao.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", sheet.RetryAfter)
	default:
		h.log.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	h.errorPage(w, r, status, i18n.Error(lang, e))
}

// errorPage renders the status page; if even that fails, plain text.
func (h *handler) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	v := h.view(r, "error.title")
	v.Data = errorData{Status: status, Message: msg, RequestID: reqinfo.ID(r.Context())}
	if err := h.render(w, r, status, "error", v); err != nil {
		h.log.ErrorContext(r.Context(), "error page failed", "err", err)
		http.Error(w, msg, status)
	}
}

// notFound answers every path the route table does not know.
func (h *handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return errNotFound
}
