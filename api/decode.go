package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"shebao"
)

// maxBody bounds every request body: 1 MB is far more than any request
// needs, and little enough that nobody can tie up the server with one.
const maxBody = 1 << 20

// maxAnonymousBody bounds the body of a request nobody is known to have
// sent (public routes: the login): what an anonymous client can make the
// server read and hold. The pages have the same bound (web, maxAnonymousBody).
const maxAnonymousBody = 16 << 10

// decodeJSON reads the request body, one JSON object of at most maxBody
// bytes (maxAnonymousBody on public routes) sent as application/json, into
// v. Unknown fields are rejected, and every error is EINVALID naming the
// field at fault ("body" for the body as a whole).
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return invalid("body", ReasonContentType)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	// One object, nothing after it.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err == nil {
			return invalid("body", ReasonJSONMalformed)
		}
		return jsonError(err)
	}
	return checkStrings(reflect.ValueOf(v), "body")
}

// jsonError turns an error of encoding/json (or of the body's reader) into
// an EINVALID error naming the field at fault.
func jsonError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return invalid("body", ReasonBodyTooLarge, strconv.FormatInt(tooLarge.Limit, 10))
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return invalid(field, wantReason(typeErr.Type))
	}
	// encoding/json reports an unknown field only in its message.
	if _, name, ok := strings.Cut(err.Error(), `unknown field "`); ok {
		name = strings.TrimSuffix(name, `"`)
		return invalid(name, ReasonJSONUnknown, name)
	}
	return invalid("body", ReasonJSONMalformed)
}

// wantReason returns the reason that says which JSON type a Go type takes.
func wantReason(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return ReasonJSONType
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ReasonJSONInteger
	case reflect.String:
		return ReasonJSONString
	case reflect.Struct, reflect.Map:
		return ReasonJSONObject
	}
	return ReasonJSONType
}

// queryInt reads an optional integer query parameter within [lo, hi];
// def when it is absent.
func queryInt(r *http.Request, name string, def, lo, hi int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, invalid(name, shebao.ReasonOutOfRange, strconv.Itoa(lo), strconv.Itoa(hi))
	}
	return n, nil
}
