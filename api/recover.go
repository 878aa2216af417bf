package api

import (
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
	"strings"

	"shebao"
	"shebao/i18n"
	"shebao/reqinfo"
)

// recoverPanics is the last resort around every API request: the request
// gets an ID (also in the X-Request-ID response header), and a handler that
// panics is logged with it and its stack and answered with a 500 JSON error
// whose message quotes the ID.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, id := reqinfo.Ensure(r)
		reqinfo.SetHeader(w, id) // unless the app's middleware did
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log().ErrorContext(r.Context(), "api request panicked", "method", r.Method,
				"path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			lang := langOf(r)
			s.writeJSON(w, r, http.StatusInternalServerError, errorBody{Error: errorJSON{
				Code: shebao.EINTERNAL, Reason: shebao.ReasonInternal,
				Message: i18n.T(lang, "reason."+shebao.ReasonInternal) + " " + i18n.T(lang, "error.request_id", id)}})
		}()
		err := shebao.CheckText("path", r.URL.Path, false)
		if err == nil {
			err = checkQuery(r)
		}
		if err == nil {
			err = shebao.CheckText("client_key", r.Header.Get(idempotencyHeader), false)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// log is the services' logger, each line with its request's ID.
func (s *server) log() *slog.Logger { return reqinfo.Logger(s.svc.Log) }

// checkQuery applies shebao.CheckText to every query parameter (the
// Idempotency-Key header is checked beside it, as field client_key).
func checkQuery(r *http.Request) error {
	for name, vals := range r.URL.Query() {
		for _, v := range vals {
			if err := shebao.CheckText(name, v, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// multilineFields are the JSON fields where line breaks and tabs are allowed.
var multilineFields = map[string]bool{"remark": true, "reason": true}

// checkStrings applies shebao.CheckText to every string a request body
// decoded into v holds, naming the field by its JSON name.
func checkStrings(v reflect.Value, field string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return checkStrings(v.Elem(), field)
		}
	case reflect.String:
		return shebao.CheckText(field, v.String(), multilineFields[field])
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if err := checkStrings(v.Field(i), name); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkStrings(v.Index(i), field); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if err := checkStrings(it.Value(), field); err != nil {
				return err
			}
		}
	}
	return nil
}
