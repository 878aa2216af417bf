package api

import (
	"net/http"
	"strconv"

	"shebao"
	"shebao/i18n"
	"shebao/sheet"
)

// Reasons of the API layer itself, in addition to the domain's shebao.Reason*
// codes. Each has a message under "reason.<code>" in i18n/api.go.
const (
	ReasonContentType    = "CONTENT_TYPE"             // the body is not application/json
	ReasonBodyTooLarge   = "BODY_TOO_LARGE"           // args: the limit in bytes
	ReasonJSONMalformed  = "JSON_MALFORMED"           // not one JSON object
	ReasonJSONUnknown    = "JSON_UNKNOWN_FIELD"       // args: the field name
	ReasonJSONInteger    = "JSON_WANT_INTEGER"        // a whole number was expected
	ReasonJSONString     = "JSON_WANT_STRING"         // a string was expected
	ReasonJSONObject     = "JSON_WANT_OBJECT"         // an object was expected
	ReasonJSONType       = "JSON_WRONG_TYPE"          // another JSON type was expected
	ReasonWageConflict   = "WAGE_CONFLICT"            // wage_fen and wage disagree
	ReasonKeyMismatch    = "IDEMPOTENCY_KEY_MISMATCH" // header and body keys differ
	ReasonTerminal       = "TERMINAL_REJECTED"        // unknown terminal or wrong secret
	ReasonBearerRequired = "BEARER_REQUIRED"          // a session cookie without a bearer token
)

// errorBody is the JSON of every error response.
type errorBody struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	Code    string `json:"code"`
	Reason  string `json:"reason"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// statusOf is the one mapping from error codes to HTTP statuses.
func statusOf(code string) int {
	switch code {
	case shebao.EINVALID:
		return http.StatusBadRequest
	case shebao.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case shebao.EFORBIDDEN:
		return http.StatusForbidden
	case shebao.ENOTFOUND:
		return http.StatusNotFound
	case shebao.ECONFLICT:
		return http.StatusConflict
	case shebao.EREFUSED:
		return http.StatusUnprocessableEntity
	case shebao.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeError is the one adapter from errors to responses: the error's code,
// reason and field, and its message in the request's language. Internal
// errors get the generic message; their details go to the log only.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := shebao.AsError(err)
	status := statusOf(e.Code)
	body := errorJSON{Code: e.Code, Reason: e.Reason, Field: e.Field, Message: i18n.Error(langOf(r), e)}
	if body.Field == "unit" {
		body.Field = "unit_id" // the services' name for the unit a request names is the API's unit_id
	}
	if status == http.StatusInternalServerError {
		s.log().ErrorContext(r.Context(), "api request failed",
			"method", r.Method, "path", r.URL.Path, "err", err)
		body = errorJSON{Code: shebao.EINTERNAL, Reason: shebao.ReasonInternal,
			Message: i18n.T(langOf(r), "reason."+shebao.ReasonInternal)}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="shebao"`)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", sheet.RetryAfter)
	}
	s.writeJSON(w, r, status, errorBody{Error: body})
}

// writeJSON writes v as the JSON response body with the given status, by
// one Write of the whole body with its Content-Length: a body longer than
// net/http's 2 kB buffer was otherwise sent chunked, in a system call more.
func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	bp := jsonBuffers.Get().(*[]byte)
	b, err := appendJSONBody((*bp)[:0], v)
	if err == nil {
		h := w.Header()
		h["Content-Type"] = jsonType
		h["Content-Length"] = []string{strconv.Itoa(len(b))}
		w.WriteHeader(status)
		_, err = w.Write(b)
	} else {
		w.WriteHeader(http.StatusInternalServerError) // no half a body
	}
	if cap(b) <= 1<<20 {
		*bp = b
		jsonBuffers.Put(bp)
	}
	if err != nil {
		s.log().WarnContext(r.Context(), "api response not written",
			"method", r.Method, "path", r.URL.Path, "err", err)
	}
}

// langOf returns the request's language from Accept-Language (zh by default).
func langOf(r *http.Request) i18n.Lang {
	h := r.Header["Accept-Language"]
	if len(h) == 0 {
		return i18n.Default // what FromAcceptLanguage makes of none, without its allocations
	}
	return i18n.FromAcceptLanguage(h[0])
}

// invalid returns an EINVALID error for field with reason.
func invalid(field, reason string, args ...string) error {
	return shebao.Invalid(field, reason, args...)
}

// renameField maps the field an engine error names to the API's own name
// for it (e.g. "unit" to "unit_id"), leaving other errors as they are.
func renameField(err error, names map[string]string) error {
	e := shebao.AsError(err)
	if to, ok := names[e.Field]; ok && e.Code != shebao.EINTERNAL {
		return shebao.WithField(err, to)
	}
	return err
}
