package app

import (
	"context"
	"net/http"
	"net/http/pprof"
	"time"

	"shebao/batch"
	"shebao/reqinfo"
)

// The operator's side of the app (docs/OPERATIONS.md): health endpoints,
// the metrics listener, and the background work every instance runs.

// health adds /healthz (the process answers) and /readyz (the database
// answers and its schema is current) to mux: unauthenticated, no session,
// one read at most, never a write.
func (a *App) health(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r)
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := a.DB.Ready(ctx); err != nil {
			a.Log.WarnContext(r.Context(), "not ready", "err", err)
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
}

// MetricsHandler serves /metrics and pprof (/debug/pprof/), for a listener
// of its own (-metrics-addr) that only the operators reach. pprof is never
// on the main handler.
func (a *App) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Handler())
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// background runs, until ctx is done, what every instance does beside
// serving: finishing batches left applying (at start-up, then every
// batch.ResumeEvery, so that a batch whose instance was killed is finished by
// another once its lease runs out), and the session sweep, run by one
// instance at a time (an advisory lock on PostgreSQL).
func (a *App) background(ctx context.Context) {
	a.resume(ctx)
	resume := time.NewTicker(batch.ResumeEvery)
	defer resume.Stop()
	sweep := time.NewTicker(5 * time.Minute)
	defer sweep.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-resume.C:
			a.resume(ctx)
		case <-sweep.C:
			a.sweepSessions(ctx)
		}
	}
}

// resume finishes batches left applying (docs/BATCH.md).
func (a *App) resume(ctx context.Context) {
	if err := a.Services.Batches.Resume(ctx); err != nil {
		a.Log.ErrorContext(ctx, "resume batches", "err", err)
	}
}

// sweepSessions deletes expired sessions, on one instance at a time.
func (a *App) sweepSessions(ctx context.Context) {
	_, err := a.DB.Exclusive(ctx, "session-sweep", func(ctx context.Context) error {
		_, err := a.DB.SessionStore().DeleteExpired(ctx, a.Clock.Now())
		return err
	})
	if err != nil {
		a.Log.WarnContext(ctx, "sweep sessions", "err", err)
	}
}

// routed records the pattern a request matched, for the metrics.
func routed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r)
		next.ServeHTTP(w, r)
	})
}
