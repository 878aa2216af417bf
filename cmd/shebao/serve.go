package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"time"

	"shebao"
	"shebao/app"
)

// serveFlags are the flags shared by serve and demo.
type serveFlags struct {
	db        string
	addr      string
	today     string
	kioskIdle time.Duration
	idle      time.Duration
	secure    bool
	pwMaxAge  time.Duration
	// metricsAddr, when set, serves /metrics and pprof on a listener of
	// their own; logFormat is text or json (docs/OPERATIONS.md).
	metricsAddr string
	logFormat   string
	maxConns    int // connections held open at once (app.DefaultMaxConns when 0)
}

func (f *serveFlags) register(fs *flag.FlagSet, defaultAddr string) {
	fs.StringVar(&f.addr, "addr", envOr("SHEBAO_ADDR", defaultAddr), "listen address (env SHEBAO_ADDR)")
	fs.StringVar(&f.today, "today", os.Getenv("SHEBAO_TODAY"), "pretend the office's date is this day, e.g. 2026-07-08 (env SHEBAO_TODAY)")
	fs.DurationVar(&f.kioskIdle, "kiosk-idle", 3*time.Minute, "idle logout on kiosk terminals")
	fs.DurationVar(&f.idle, "idle", 30*time.Minute, "idle logout online")
	fs.BoolVar(&f.secure, "secure-cookies", false, "send cookies over HTTPS only, with HSTS (set behind TLS)")
	fs.DurationVar(&f.pwMaxAge, "password-max-age", 0, "staff passwords older than this must be changed, e.g. 2160h (0: off)")
}

// registerOps registers serve's operator flags (docs/OPERATIONS.md).
func (f *serveFlags) registerOps(fs *flag.FlagSet) {
	fs.StringVar(&f.metricsAddr, "metrics-addr", os.Getenv("SHEBAO_METRICS_ADDR"), "serve /metrics and pprof on this address only (env SHEBAO_METRICS_ADDR); empty: /metrics on -addr, no pprof")
	fs.StringVar(&f.logFormat, "log-format", envOr("SHEBAO_LOG_FORMAT", "text"), "log lines as text or json (env SHEBAO_LOG_FORMAT)")
	maxConns, _ := strconv.Atoi(os.Getenv("SHEBAO_MAX_CONNS"))
	if maxConns <= 0 {
		maxConns = app.DefaultMaxConns
	}
	fs.IntVar(&f.maxConns, "max-conns", maxConns, "connections held open at once; more wait to be accepted (env SHEBAO_MAX_CONNS)")
}

// logger returns the logger of -log-format on w, at level.
func (f *serveFlags) logger(w io.Writer, level slog.Level) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: level}
	switch f.logFormat {
	case "", "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("-log-format %q: want text or json", f.logFormat)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// clock returns the office clock: the system clock, or a fixed day.
func (f *serveFlags) clock() (shebao.Clock, error) {
	if f.today == "" {
		return shebao.SystemClock{}, nil
	}
	d, err := shebao.ParseDate(f.today)
	if err != nil {
		return nil, fmt.Errorf("-today %q: want a date like 2026-07-08", f.today)
	}
	return shebao.FixedDayClock{Day: d}, nil
}

func (f *serveFlags) config(log *slog.Logger) (app.Config, error) {
	clock, err := f.clock()
	if err != nil {
		return app.Config{}, err
	}
	return app.Config{DB: f.db, Clock: clock, Log: log, KioskIdle: f.kioskIdle, SessionIdle: f.idle, Secure: f.secure,
		PasswordMaxAge:  f.pwMaxAge,
		EmploymentToken: os.Getenv("SHEBAO_EMPLOYMENT_TOKEN"), ProofKeys: os.Getenv("SHEBAO_PROOF_KEY"),
		PublicURL: os.Getenv("SHEBAO_PUBLIC_URL"), EmploymentURL: os.Getenv("SHEBAO_EMPLOYMENT_URL"),
		EmploymentURLToken: os.Getenv("SHEBAO_EMPLOYMENT_URL_TOKEN"), BackupStamp: os.Getenv("SHEBAO_BACKUP_STAMP"),
		SeparateMetrics: f.metricsAddr != "", CollectionDueDay: dueDay(), MaxConns: f.maxConns}, nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var f serveFlags
	fs.StringVar(&f.db, "db", os.Getenv("SHEBAO_DB"), "database URL: sqlite:PATH or postgres://… (env SHEBAO_DB)")
	f.register(fs, ":8080")
	f.registerOps(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if f.db == "" {
		return fmt.Errorf("serve: -db (or SHEBAO_DB) is required")
	}
	tuneGC()
	log, err := f.logger(stderr, slog.LevelInfo)
	if err != nil {
		return err
	}
	cfg, err := f.config(log)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	if f.metricsAddr != "" {
		mln, err := net.Listen("tcp", f.metricsAddr)
		if err != nil {
			ln.Close()
			return err
		}
		fmt.Fprintf(stdout, "metrics and pprof on http://%s/metrics\n", mln.Addr())
		go serveMetrics(ctx, mln, a.MetricsHandler(), log)
	}
	fmt.Fprintf(stdout, "shebao serving on http://%s\n", ln.Addr())
	return a.Serve(ctx, ln)
}

// serve's garbage collector settings, unless the environment's GOGC or
// GOMEMLIMIT says otherwise (docs/OPERATIONS.md): the live heap of a
// server is small and every request allocates, so the default GOGC of 100
// collects often; 400 collects a quarter as often, and the soft memory
// limit makes the collector work harder before the heap grows past it.
const (
	serveGCPercent   = 400
	serveMemoryLimit = 512 << 20
)

// tuneGC applies serve's garbage collector settings.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", os.Getenv("SHEBAO_DB"), "database URL (env SHEBAO_DB)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" {
		return fmt.Errorf("migrate: -db (or SHEBAO_DB) is required")
	}
	a, err := app.Open(ctx, app.Config{DB: *db, Log: slog.New(slog.NewTextHandler(stderr, nil))})
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "schema is up to date")
	return a.Close()
}

// serveMetrics serves the metrics listener until ctx is done.
func serveMetrics(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("metrics listener", "err", err)
	}
}
