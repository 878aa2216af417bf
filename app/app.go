// Package app wires shebao together: storage, the services, the pages and
// the API behind one HTTP handler. cmd/shebao and the end-to-end tests boot
// the system through it.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"shebao"
	"shebao/api"
	"shebao/metrics"
	"shebao/reqinfo"
	"shebao/services"
	"shebao/sqldb"
	"shebao/web"
)

// Config configures the system.
type Config struct {
	DB          string       // sqlite:PATH or postgres://…
	Clock       shebao.Clock // SystemClock when nil
	Log         *slog.Logger
	HashCost    int           // bcrypt cost; auth.DefaultCost when 0
	SessionIdle time.Duration // idle logout online; session's default when 0
	KioskIdle   time.Duration // idle logout on kiosk terminals; session's default when 0
	Secure      bool          // cookies over HTTPS only, and HSTS
	// PasswordMaxAge, when > 0, makes staff change older passwords (-password-max-age).
	PasswordMaxAge time.Duration
	// EmploymentToken is the employment system's push key: the key itself
	// or "sha256:<hex>" (SHEBAO_EMPLOYMENT_TOKEN); empty refuses pushes.
	EmploymentToken string
	// EmploymentURL, when set, makes the handling engine ask the employment
	// service at this address for registrations at the moment of handling
	// (SHEBAO_EMPLOYMENT_URL, with the bearer token SHEBAO_EMPLOYMENT_URL_TOKEN),
	// instead of reading shebao's imported copy.
	EmploymentURL, EmploymentURLToken string
	// ProofKeys are the secrets that sign proofs of insurance, comma-separated
	// (SHEBAO_PROOF_KEY); empty makes a key in the database on first use.
	ProofKeys string
	// CollectionDueDay is the deduction day of a period, in the month after
	// it (SHEBAO_COLLECT_DUE_DAY; collection.DefaultDueDay when 0).
	CollectionDueDay int
	// PublicURL is the office's public address that proofs' QR codes point
	// at (SHEBAO_PUBLIC_URL); empty uses the address a request came to.
	PublicURL string
	// SeparateMetrics keeps /metrics off the main handler: the operator
	// serves MetricsHandler (with pprof) on its own listener (-metrics-addr).
	SeparateMetrics bool
	// BackupStamp is the file the backup job touches after each good backup
	// (SHEBAO_BACKUP_STAMP); the readiness check reads its age.
	BackupStamp string
	// MaxConns bounds the connections Serve holds open at once
	// (-max-conns, SHEBAO_MAX_CONNS; DefaultMaxConns when 0).
	MaxConns int
}

// DefaultMaxConns is how many connections Serve holds open at once unless
// told otherwise: far above a district's browsers and kiosks (each browser
// keeps a few), low enough that connections alone cannot exhaust memory
// or file descriptors (docs/SECURITY.md, "Request bodies and connections").
const DefaultMaxConns = 2000

// App is the running system.
type App struct {
	DB       *sqldb.DB
	Clock    shebao.Clock
	Log      *slog.Logger
	Services *services.Set // every service, built once; the pages and the API share it
	Handler  http.Handler
	Metrics  *metrics.Metrics
	MaxConns int // connections Serve holds open at once
}

// Open opens and migrates the database and builds the services and the
// HTTP handler.
func Open(ctx context.Context, c Config) (*App, error) {
	if c.Clock == nil {
		c.Clock = shebao.SystemClock{}
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	c.Log = reqinfo.Logger(c.Log) // every line of a request carries its ID
	db, err := sqldb.Open(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	svc, err := services.New(services.Config{DB: db, Clock: c.Clock, Log: c.Log, HashCost: c.HashCost,
		SessionIdle: c.SessionIdle, KioskIdle: c.KioskIdle, Secure: c.Secure, PasswordMaxAge: c.PasswordMaxAge,
		EmploymentToken: c.EmploymentToken, EmploymentURL: c.EmploymentURL,
		EmploymentURLToken: c.EmploymentURLToken, ProofKeys: c.ProofKeys,
		CollectionDueDay: c.CollectionDueDay,
		BackupStamp:      c.BackupStamp, PublicURL: c.PublicURL})
	if err != nil {
		db.Close()
		return nil, err
	}
	formKey, err := db.Secret(ctx, "csrf") // shared by every instance (docs/OPERATIONS.md)
	if err != nil {
		db.Close()
		return nil, err
	}
	pages, err := web.New(web.Deps{Services: svc, PublicURL: c.PublicURL, FormKey: formKey})
	if err != nil {
		db.Close()
		return nil, err
	}
	a := &App{DB: db, Clock: c.Clock, Log: c.Log, Services: svc, Metrics: metrics.New(db, c.Clock), MaxConns: c.MaxConns}
	if a.MaxConns <= 0 {
		a.MaxConns = DefaultMaxConns
	}
	a.Metrics.Uploads(svc.Uploads.Load)
	svc.Handling.Observe = a.Metrics.Item
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Deps{Services: svc}))
	a.health(mux)
	if !c.SeparateMetrics {
		mux.Handle("GET /metrics", routed(a.Metrics.Handler()))
	}
	mux.Handle("/", pages)
	a.Handler = reqinfo.Middleware(a.Metrics.Middleware(mux))
	return a, nil
}

// Serve serves HTTP on ln until ctx is done, then shuts down gracefully.
// It holds at most a.MaxConns connections open (limitConns).
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	ln = limitConns(srv, ln, a.MaxConns)
	bgctx, stop := context.WithCancel(ctx)
	bg := make(chan struct{})
	go func() { defer close(bg); a.background(bgctx) }()
	defer func() { stop(); <-bg }() // no batch is resumed once Serve returns (Close waits for runs)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			return err
		}
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// Close waits for the background work of the services (batches being
// applied) and then closes the database.
func (a *App) Close() error {
	a.Services.Wait()
	return a.DB.Close()
}
