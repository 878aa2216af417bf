// Package loadgen is shebao's load generator: virtual operators over the
// JSON API in the office's mix, closed loop (C operators, no think time) or
// open loop (a fixed arrival rate), with per-operation latency quantiles;
// and the baselines its figures are ratios against, measured in the same
// run: a bare net/http + html/template page (baseline.go) and raw durable
// single-row inserts (raw.go). docs/PERFORMANCE.md has the commands.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is a run.
type Config struct {
	URL        string        // the server, e.g. http://127.0.0.1:8080, or several comma-separated (instances on one database): the sessions are spread over them in turn
	C          int           // closed loop: virtual operators; open loop: sessions to spread over
	Duration   time.Duration // how long to load (logins excluded)
	Rate       float64       // open loop: arrivals a second; 0 for a closed loop
	Mix        Mix
	Users      []string // logins, spread over the sessions
	Password   string
	MaxPending int // open loop: arrivals in flight at most (further ones are dropped and counted); 10,000 when 0
	// MetricsURL is the server's Prometheus metrics, whose
	// process_cpu_seconds_total gives the server's CPU over the run ("":
	// not measured; several comma-separated: the servers' sum). Procs, when set, is a pattern of the command lines of
	// other local processes whose CPU to count (e.g. "postgres"; Linux).
	// Report.CPU has the figures.
	MetricsURL string
	Procs      string
	inProcess  bool // the server is this process (the baseline's page)
}

// Run logs the sessions in (untimed), then loads the server.
func Run(ctx context.Context, cfg Config) (Report, error) {
	hc := httpClient(cfg.C)
	clients, err := logins(ctx, hc, cfg)
	if err != nil {
		return Report{}, err
	}
	return load(ctx, cfg, clients, "shebao")
}

// load runs the clients in a closed or an open loop for cfg.Duration.
func load(ctx context.Context, cfg Config, clients []*client, name string) (Report, error) {
	rec := newRecorder()
	m := startMeter(ctx, cfg.MetricsURL, cfg.Procs, cfg.inProcess)
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	var dropped int
	if cfg.Rate > 0 {
		dropped = openLoop(ctx, cfg, clients, rec)
	} else {
		closedLoop(ctx, cfg, clients, rec)
	}
	elapsed := time.Since(start)
	rep := rec.report(name, elapsed)
	rep.CPU = m.stop(context.WithoutCancel(ctx))
	rep.Offered, rep.Dropped, rep.Sessions = cfg.Rate, dropped, len(clients)
	if rep.Total == 0 {
		return rep, errors.New("no request completed")
	}
	return rep, nil
}

// closedLoop: each client sends its next request as soon as the last one
// answered. A request cut short by the end of the run is not counted.
func closedLoop(ctx context.Context, cfg Config, clients []*client, rec *recorder) {
	var wg sync.WaitGroup
	for i, c := range clients {
		r := rand.New(rand.NewPCG(uint64(i), 1))
		wg.Go(func() {
			for ctx.Err() == nil {
				op := cfg.Mix.pick(r)
				t := time.Now()
				err := c.run(ctx, op)
				if ctx.Err() != nil {
					return
				}
				rec.add(op, time.Since(t), err)
			}
		})
	}
	wg.Wait()
}

// openLoop starts requests at fixed arrival times whatever the server's
// speed, spread round-robin over the clients. Latency counts from the
// scheduled arrival, so a stalled server is not excused by arrivals that
// waited (no coordinated omission). It returns how many arrivals were
// dropped because MaxPending were in flight.
func openLoop(ctx context.Context, cfg Config, clients []*client, rec *recorder) int {
	maxPending := cfg.MaxPending
	if maxPending <= 0 {
		maxPending = 10000
	}
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	r := rand.New(rand.NewPCG(1, 2))
	var wg sync.WaitGroup
	var pending atomic.Int64
	dropped := 0
	start := time.Now()
	for n := 0; ; n++ {
		at := start.Add(time.Duration(n) * interval)
		if d := time.Until(at); d > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(d):
			}
		}
		if ctx.Err() != nil {
			break
		}
		if pending.Load() >= int64(maxPending) {
			dropped++
			continue
		}
		c, op := clients[n%len(clients)], cfg.Mix.pick(r)
		pending.Add(1)
		wg.Go(func() {
			defer pending.Add(-1)
			err := c.run(context.WithoutCancel(ctx), op)
			rec.add(op, time.Since(at), err)
		})
	}
	wg.Wait() // requests in flight at the end finish and count
	return dropped
}

// logins logs cfg.C sessions in, the users in turn, a few at a time.
func logins(ctx context.Context, hc *http.Client, cfg Config) ([]*client, error) {
	if len(cfg.Users) == 0 {
		return nil, errors.New("no users to log in")
	}
	clients := make([]*client, max(cfg.C, 1))
	urls := strings.Split(cfg.URL, ",")
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for i := range clients {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := login(ctx, hc, urls[i%len(urls)], cfg.Users[i%len(cfg.Users)], cfg.Password)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
			}
			clients[i] = c
		})
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	return clients, nil
}

// httpClient keeps a connection per virtual operator alive.
func httpClient(c int) *http.Client {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        c + 100,
		MaxIdleConnsPerHost: c + 100,
		IdleConnTimeout:     90 * time.Second,
	}
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}

// Ratio formats a/b.
func Ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.3f×", a/b)
}
