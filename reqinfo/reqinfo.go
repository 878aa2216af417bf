// Package reqinfo owns what the server knows of a request beyond net/http:
// its ID, which the logs carry on every line and error pages show so that
// a user can quote it, and the route pattern it matched, which the metrics
// label it by. The app's middleware (Middleware) sets both up once, around
// the pages and the API. docs/OPERATIONS.md.
package reqinfo

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
)

type key struct{}

// info is what the context of a request holds.
type info struct {
	id    string
	route string // set by the route table that matched (SetRoute)
}

// Header is the response header that carries the request ID.
const Header = "X-Request-ID"

// Middleware gives every request a new ID, in its context and in the
// X-Request-ID response header. An ID a client sends is not trusted.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, id := Ensure(r)
		w.Header()[headerKey] = []string{id}
		next.ServeHTTP(w, r)
	})
}

// headerKey is Header as net/http keeps it (canonical), for setting it
// without canonicalizing it on every request.
const headerKey = "X-Request-Id"

// SetHeader puts the request ID in w's X-Request-ID header unless it is
// there already (Middleware put it).
func SetHeader(w http.ResponseWriter, id string) {
	if h := w.Header(); h[headerKey] == nil {
		h[headerKey] = []string{id}
	}
}

// Ensure returns r with an ID in its context — its own when Middleware has
// given it one — and the ID. Pages and API served without the app's
// middleware (their own tests) still get an ID this way.
func Ensure(r *http.Request) (*http.Request, string) {
	if in, ok := r.Context().Value(key{}).(*info); ok {
		return r, in.id
	}
	in := &info{id: newID()}
	return r.WithContext(context.WithValue(r.Context(), key{}, in)), in.id
}

// newID returns 12 random characters of base32's alphabet (60 bits), as
// crypto/rand.Text's first 12 were. An ID names a request in the logs and
// guards nothing, so it comes from the runtime's per-thread generator:
// crypto/rand read the kernel's (a system call) for every request.
func newID() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	var b [12]byte
	v := rand.Uint64()
	for i := range b {
		b[i] = alphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

// ID returns the ID of the request ctx belongs to, "" outside one.
func ID(ctx context.Context) string {
	if in, ok := ctx.Value(key{}).(*info); ok {
		return in.id
	}
	return ""
}

// SetRoute records the pattern of the route r matched (r.Pattern, set by
// the route table's ServeMux), for Route.
func SetRoute(r *http.Request) {
	if in, ok := r.Context().Value(key{}).(*info); ok {
		in.route = r.Pattern
	}
}

// Route returns the route pattern recorded for the request, "" when no
// route matched.
func Route(ctx context.Context) string {
	if in, ok := ctx.Value(key{}).(*info); ok {
		return in.route
	}
	return ""
}

// LogHandler adds the request ID (attribute request_id) to every record
// logged with the request's context.
type LogHandler struct{ slog.Handler }

// Handle implements slog.Handler.
func (h LogHandler) Handle(ctx context.Context, r slog.Record) error {
	id := ID(ctx)
	if id == "" {
		return h.Handler.Handle(ctx, r)
	}
	first := slog.NewRecord(r.Time, r.Level, r.Message, r.PC) // the ID first, where a reader looks
	first.AddAttrs(slog.String("request_id", id))
	r.Attrs(func(a slog.Attr) bool { first.AddAttrs(a); return true })
	return h.Handler.Handle(ctx, first)
}

// WithAttrs implements slog.Handler.
func (h LogHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return LogHandler{h.Handler.WithAttrs(attrs)}
}

// WithGroup implements slog.Handler.
func (h LogHandler) WithGroup(name string) slog.Handler {
	return LogHandler{h.Handler.WithGroup(name)}
}

// Logger returns log with request IDs added, unless it adds them already.
func Logger(log *slog.Logger) *slog.Logger {
	if _, ok := log.Handler().(LogHandler); ok {
		return log
	}
	return slog.New(LogHandler{log.Handler()})
}
