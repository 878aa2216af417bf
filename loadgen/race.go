package loadgen

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The racing run's operations (not in the office's mix).
const (
	OpStop   Op = "stop"   // POST /api/v1/items, a stop (resignation) raced by several operators
	OpResume Op = "resume" // POST /api/v1/items, the resumption raced after it
)

// RaceConfig is a racing run: approved writes on the same persons raced
// by several operators over several instances ("Many operators at once"
// in docs/PERFORMANCE.md).
type RaceConfig struct {
	URLs     []string      // the instances, on one database; each race's requests go to them in turn
	Persons  int           // persons raced at once, taken in turn from the rosters of Users
	Racers   int           // requests in each race (3 when 0)
	Duration time.Duration // rounds start until then (a round started finishes)
	Rounds   int           // stop after this many rounds a person (0: Duration only)
	Users    []string      // unit operators whose insured employees are raced
	Clerk    string        // the counter clerk, who races for each person's unit (unit_id)
	Password string
	// MetricsURL (comma-separated, one per instance) and Procs as in Config.
	MetricsURL string
	Procs      string
}

// RaceReport is a racing run's figures: the requests' as in Report (an
// error is an answer other than an approval or the engine's refusal:
// another status, or no item), and the races'.
type RaceReport struct {
	Report
	Races      int    // races run (a stop's or a resumption's)
	Uneven     int    // races that did not have exactly one approval
	LastUneven string // the last of them
}

// racer is one person raced by an operator and the clerk.
type racer struct {
	unitID   int64
	idNumber string
	by       [][]*client // [instance][0: the unit's operator, 1: the clerk]
}

// Race logs the operators and the clerk in on every instance (untimed),
// then races each of cfg.Persons persons in rounds: cfg.Racers stops of
// the person sent at once, by the unit's operator and the clerk in turn
// and to the instances in turn, then as many resumptions at once, so that
// the person cycles insured → stopped → insured. Exactly one request of
// each race must be approved, the others refused.
func Race(ctx context.Context, cfg RaceConfig) (RaceReport, error) {
	if cfg.Racers <= 0 {
		cfg.Racers = 3
	}
	if len(cfg.URLs) == 0 || len(cfg.Users) == 0 || cfg.Persons <= 0 {
		return RaceReport{}, errors.New("race: needs instances, operators and persons")
	}
	persons, err := raceLogins(ctx, httpClient(cfg.Persons*cfg.Racers), cfg)
	if err != nil {
		return RaceReport{}, err
	}
	rec := newRecorder()
	var mu sync.Mutex
	var rep RaceReport
	m := startMeter(ctx, cfg.MetricsURL, cfg.Procs, false)
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	var wg sync.WaitGroup
	for i, p := range persons {
		wg.Go(func() {
			for round := 0; ctx.Err() == nil && time.Now().Before(deadline) && (cfg.Rounds == 0 || round < cfg.Rounds); round++ {
				for _, op := range []Op{OpStop, OpResume} {
					won := p.race(ctx, cfg, op, i+round, rec)
					mu.Lock()
					rep.Races++
					if won != 1 {
						rep.Uneven++
						rep.LastUneven = fmt.Sprintf("%s of %s (unit %d): %d approvals", op, p.idNumber, p.unitID, won)
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	rep.Report = rec.report(fmt.Sprintf("race (%d persons × %d racers, %s)", len(persons), cfg.Racers, plural(len(cfg.URLs), "instance")), time.Since(start))
	rep.CPU = m.stop(context.WithoutCancel(ctx))
	rep.Sessions = len(persons) * cfg.Racers
	if rep.Total == 0 {
		return rep, errors.New("no request completed")
	}
	return rep, ctx.Err()
}

// race sends cfg.Racers requests of op for the person at once, the first
// to instance first, and returns how many were approved.
func (p racer) race(ctx context.Context, cfg RaceConfig, op Op, first int, rec *recorder) int {
	body := map[string]any{"type": "stop", "unit_id": p.unitID, "id_number": p.idNumber, "stop_reason": "resignation"}
	if op == OpResume {
		body = map[string]any{"type": "resume", "unit_id": p.unitID, "id_number": p.idNumber, "wage_fen": 800000}
	}
	approved := make([]bool, cfg.Racers)
	var wg sync.WaitGroup
	for r := range cfg.Racers {
		wg.Go(func() {
			c := p.by[(first+r)%len(p.by)][r%2]
			var item struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			}
			t := time.Now()
			err := c.do(ctx, http.MethodPost, "/api/v1/items", body, map[string]string{"Idempotency-Key": rand.Text()}, &item)
			if err == nil && (item.ID == 0 || item.Status != "approved" && item.Status != "refused") {
				err = fmt.Errorf("%s of %s: item %d %q, neither approved nor refused", op, p.idNumber, item.ID, item.Status)
			}
			rec.add(op, time.Since(t), err)
			approved[r] = err == nil && item.Status == "approved"
		})
	}
	wg.Wait()
	n := 0
	for _, a := range approved {
		if a {
			n++
		}
	}
	return n
}

// raceLogins logs each operator and the clerk in on every instance and
// takes the persons in turn from the operators' rosters.
func raceLogins(ctx context.Context, hc *http.Client, cfg RaceConfig) ([]racer, error) {
	ops := make([][]*client, len(cfg.URLs)) // [instance][operator]
	clerks := make([]*client, len(cfg.URLs))
	for i, url := range cfg.URLs {
		url = strings.TrimSpace(url)
		for _, u := range cfg.Users {
			in := signIn
			if i == 0 {
				in = login // the persons come from the first instance's rosters
			}
			c, err := in(ctx, hc, url, u, cfg.Password)
			if err != nil {
				return nil, err
			}
			if c.unitID == 0 {
				return nil, fmt.Errorf("race: %s is no unit's operator", u)
			}
			ops[i] = append(ops[i], c)
		}
		c, err := signIn(ctx, hc, url, cfg.Clerk, cfg.Password)
		if err != nil {
			return nil, err
		}
		clerks[i] = c
	}
	units := map[int64]string{}
	for j, c := range ops[0] {
		if other, ok := units[c.unitID]; ok {
			return nil, fmt.Errorf("race: %s and %s are operators of one unit: its persons would race in two races at once", other, cfg.Users[j])
		}
		units[c.unitID] = cfg.Users[j]
	}
	persons := make([]racer, cfg.Persons)
	for k := range persons {
		j, n := k%len(cfg.Users), k/len(cfg.Users)
		roster := ops[0][j].persons
		if n >= len(roster) {
			return nil, fmt.Errorf("race: %d persons need %d insured on the roster of %s, which has %d (add operators to -users)", cfg.Persons, n+1, cfg.Users[j], len(roster))
		}
		p := racer{unitID: ops[0][j].unitID, idNumber: roster[n]}
		for i := range cfg.URLs {
			p.by = append(p.by, []*client{ops[i][j], clerks[i]})
		}
		persons[k] = p
	}
	return persons, nil
}

// Print writes the requests' figures and the races'.
func (r RaceReport) Print(w io.Writer) {
	r.Report.Print(w)
	fmt.Fprintf(w, "  races %d, without exactly one approval %d; answers other than an approval or a refusal %d\n", r.Races, r.Uneven, r.Errors)
	if r.LastUneven != "" {
		fmt.Fprintf(w, "  last race without one approval: %s\n", r.LastUneven)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
