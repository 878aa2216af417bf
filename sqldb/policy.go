package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"

	"shebao"
)

// Policy returns the newest version of the policy of the office's only
// region ("") for a year. ENOTFOUND when the year has none.
func (t *tx) Policy(ctx context.Context, year int) (shebao.Policy, error) {
	op := fmt.Sprintf("policy %d", year)
	var body string
	var version int
	err := t.tx.QueryRowContext(ctx, `SELECT version, body FROM policies
		WHERE year = $1 AND region = $2 ORDER BY version DESC LIMIT 1`, year, "").Scan(&version, &body)
	if err != nil {
		return shebao.Policy{}, dbError(op, err)
	}
	p, err := storedPolicy(year, version, body)
	if err != nil {
		return shebao.Policy{}, fmt.Errorf("sqldb: %s: decode: %w", op, err)
	}
	return p, nil
}

// storedPolicy is the policy a row of policies holds: its body decoded
// (decodePolicy), of the office's only region ("").
func storedPolicy(year, version int, body string) (shebao.Policy, error) {
	p, err := decodePolicy(body)
	p.Year, p.Region, p.Version = year, "", version
	return p, err
}

// decoded keeps the policies decoded from their stored text: every
// request of the hot paths reads a policy (the business period, the base's
// floor and ceiling, the rates), and decoding its JSON was a tenth of a
// bill's CPU. The key is the stored text itself, so a cached policy is the
// one the row holds whatever was saved since: nothing to invalidate.
var decoded = struct {
	sync.Mutex
	m map[string]shebao.Policy
}{m: map[string]shebao.Policy{}}

// maxDecoded bounds the cache: a few versions of a few years are in use.
const maxDecoded = 64

// decodePolicy decodes a stored policy, through the cache. The caller gets
// its own copy of the rates.
func decodePolicy(body string) (shebao.Policy, error) {
	decoded.Lock()
	p, ok := decoded.m[body]
	decoded.Unlock()
	if !ok {
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return shebao.Policy{}, err
		}
		decoded.Lock()
		if len(decoded.m) >= maxDecoded {
			clear(decoded.m)
		}
		decoded.m[body] = p
		decoded.Unlock()
	}
	p.Rates = maps.Clone(p.Rates)
	return p, nil
}

// SavePolicy stores p as a new version of its year and region, one above
// the newest, and sets p.Version. Two concurrent saves of one year end with
// one ECONFLICT.
func (t *tx) SavePolicy(ctx context.Context, p *shebao.Policy) error {
	op := fmt.Sprintf("save policy %d %q", p.Year, p.Region)
	var version int
	err := t.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM policies
		WHERE year = $1 AND region = $2`, p.Year, p.Region).Scan(&version)
	if err != nil {
		return dbError(op, err)
	}
	c := *p
	c.Version = version
	body, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("sqldb: %s: encode: %w", op, err)
	}
	_, err = t.tx.ExecContext(ctx, `INSERT INTO policies (year, region, version, body)
		VALUES ($1, $2, $3, $4)`, p.Year, p.Region, version, string(body))
	if err != nil {
		return dbError(op, err)
	}
	p.Version = version
	return nil
}

// PolicyYears lists the years that have a policy, ascending.
func (t *tx) PolicyYears(ctx context.Context) ([]int, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT DISTINCT year FROM policies ORDER BY year`)
	if err != nil {
		return nil, dbError("policy years", err)
	}
	years, err := collect(rows, func(s scanner) (int, error) {
		var y int
		err := s.Scan(&y)
		return y, err
	})
	return years, dbError("policy years", err)
}
