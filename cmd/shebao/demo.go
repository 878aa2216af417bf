package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"shebao"
	"shebao/app"
	"shebao/demo"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("demo", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var f serveFlags
	dir := flags.String("data", "shebao-data", "directory of the demo's guide and, without -db, of its SQLite database")
	flags.StringVar(&f.db, "db", os.Getenv("SHEBAO_DB"), "load the demo into this database, empty on the first run: postgres://… or sqlite:PATH (env SHEBAO_DB)")
	f.register(flags, "127.0.0.1:8080")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	tuneGC() // the demo serves as serve does
	guidePath := filepath.Join(*dir, "demo-guide.json")
	if f.db == "" {
		f.db = "sqlite:" + filepath.Join(*dir, "shebao.db")
	} else { // one guide per database
		h := sha256.Sum256([]byte(f.db))
		guidePath = filepath.Join(*dir, fmt.Sprintf("demo-guide-%x.json", h[:6]))
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg, err := f.config(log)
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	guide, err := loadGuide(ctx, a, guidePath, stdout)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return err
	}
	printGuide(stdout, "http://"+ln.Addr().String(), guide)
	return a.Serve(ctx, ln)
}

// loadGuide loads the demo district on the first run and remembers its
// guide; later runs read the guide and refresh the day-dependent cases. The
// district loads only into an empty database.
func loadGuide(ctx context.Context, a *app.App, path string, stdout io.Writer) (demo.Guide, error) {
	var g demo.Guide
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := mustBeEmpty(ctx, a.DB, path); err != nil {
			return g, err
		}
		fmt.Fprintln(stdout, "loading the demo district (first run)…")
		if g, err = demo.Load(ctx, a.DB, a.Clock, demo.DefaultSize, 0); err != nil {
			return g, fmt.Errorf("load demo: %w", err)
		}
		if err := demo.Pending(ctx, a.DB, a.Clock, g); err != nil {
			return g, fmt.Errorf("load demo: %w", err)
		}
		if err := a.DB.Analyze(ctx); err != nil {
			return g, fmt.Errorf("load demo: %w", err)
		}
		b, _ = json.MarshalIndent(g, "", "  ")
		return g, os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		return g, err
	}
	if err := json.Unmarshal(b, &g); err != nil {
		return g, fmt.Errorf("%s: %w (delete the data directory to start afresh)", path, err)
	}
	return g, demo.Refresh(ctx, a.DB, a.Clock, g)
}

// mustBeEmpty refuses a database that already holds units: the demo (and
// the seed) load only into an empty one.
func mustBeEmpty(ctx context.Context, store shebao.Store, guide string) error {
	var n int
	if err := store.View(ctx, func(tx shebao.Tx) (err error) {
		n, err = tx.CountUnits(ctx)
		return err
	}); err != nil {
		return err
	}
	if n > 0 {
		msg := "the database already holds %d units: load into an empty database"
		if guide != "" {
			msg += " (or keep the guide " + guide + " of its demo)"
		}
		return fmt.Errorf(msg, n)
	}
	return nil
}

func printGuide(w io.Writer, url string, g demo.Guide) {
	fmt.Fprintf(w, `
shebao demo is running: %s
kiosk terminal (open once in a browser to make it a hall kiosk): %s/kiosk/enroll?code=%s&secret=%s

logins (password %s for all):
  %-10s operator of %s
  %-10s operator of %s
  %-10s operator of %s, must change the office-issued password at first login
  %-10s counter clerk    %-10s reviewer    %-10s administrator

tour, as %s:
  enroll, approved at once ......... %s
  enroll, refused 无此人就业备案信息 .. %s
  enroll, registered today ......... %s
  enroll, insured at %s ... %s
  resume (stopped earlier) ......... %s
  stop (active employee) ........... %s
  wages: ¥3000 shows the floor clamp, ¥60000 the ceiling clamp
  back-pay (个人补收), months before insurance ... %s
  base declaration (基数申报): /declaration, for any employee on the roster
  retirement pre-review (退休预审): short of the minimum ... %s
                                  post category unknown ... %s
`, url, url, g.Terminal, g.TerminalSecret, demo.Password,
		g.OperatorA, g.UnitA, g.OperatorB, g.UnitB, g.FirstLogin, g.UnitA, g.Clerk, g.Reviewer, g.Admin,
		g.OperatorA, strings.Join(g.Enroll, ", "), g.NoRegistration, g.RegisteredToday, g.UnitB, g.InsuredElsewhere,
		strings.Join(g.Resume, ", "), strings.Join(g.Stop, ", "), g.Backpay,
		g.RetirementShort, g.RetirementNoPost)
}
