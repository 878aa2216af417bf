package sqldb

import (
	"context"
	"fmt"

	"shebao"
)

const unitColumns = `id, credit_code, name, address, contact, phone, industry, risk_class, status, created_at,
	bank_account, legal_rep`

func scanUnit(s scanner) (shebao.Unit, error) {
	var u shebao.Unit
	var created int64
	err := s.Scan(&u.ID, &u.CreditCode, &u.Name, &u.Address, &u.Contact, &u.Phone,
		&u.Industry, &u.RiskClass, &u.Status, &created, &u.BankAccount, &u.LegalRep)
	u.CreatedAt = fromMicros(created)
	return u, err
}

// Unit returns the unit with the given id.
func (t *tx) Unit(ctx context.Context, id int64) (shebao.Unit, error) {
	u, err := scanUnit(t.tx.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
	return u, dbError(fmt.Sprintf("unit %d", id), err)
}

// UnitByCreditCode returns the unit with the given credit code.
func (t *tx) UnitByCreditCode(ctx context.Context, code string) (shebao.Unit, error) {
	u, err := scanUnit(t.tx.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE credit_code = $1`, code))
	return u, dbError(fmt.Sprintf("unit by credit code %q", code), err)
}

// CreateUnit inserts u and sets u.ID.
func (t *tx) CreateUnit(ctx context.Context, u *shebao.Unit) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO units
		(credit_code, name, address, contact, phone, industry, risk_class, status, created_at,
		 bank_account, legal_rep)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		u.CreditCode, u.Name, u.Address, u.Contact, u.Phone, u.Industry, u.RiskClass,
		string(u.Status), micros(u.CreatedAt), u.BankAccount, u.LegalRep).Scan(&u.ID)
	if err != nil {
		return dbError(fmt.Sprintf("create unit %q", u.CreditCode), err)
	}
	// The unit's first deduction account, in force from the start (SetUnitAccount).
	_, err = t.tx.ExecContext(ctx, `INSERT INTO unit_accounts (unit_id, account, from_day, item_id)
		VALUES ($1, $2, 0, 0)`, u.ID, u.BankAccount)
	return dbError(fmt.Sprintf("create unit %q", u.CreditCode), err)
}

// UpdateUnit writes every field of u.
func (t *tx) UpdateUnit(ctx context.Context, u shebao.Unit) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE units SET credit_code = $1, name = $2, address = $3,
		contact = $4, phone = $5, industry = $6, risk_class = $7, status = $8, created_at = $9,
		bank_account = $10, legal_rep = $11 WHERE id = $12`,
		u.CreditCode, u.Name, u.Address, u.Contact, u.Phone, u.Industry, u.RiskClass,
		string(u.Status), micros(u.CreatedAt), u.BankAccount, u.LegalRep, u.ID)
	return affectedOne(res, err, fmt.Sprintf("update unit %d", u.ID))
}

// Units lists units whose name or credit code contains q, by name.
func (t *tx) Units(ctx context.Context, q string, limit, offset int) ([]shebao.Unit, int, error) {
	var w where
	if q != "" {
		p := containsPattern(q)
		w.add(`(lower(name) LIKE lower(?)`+likeEscape+` OR lower(credit_code) LIKE lower(?)`+likeEscape+`)`, p, p)
	}
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError("count units", err)
	}
	pg, args := w.page(limit, offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT `+unitColumns+` FROM units`+w.String()+` ORDER BY name, id`+pg, args...)
	if err != nil {
		return nil, 0, dbError("list units", err)
	}
	units, err := collect(rows, scanUnit)
	return units, total, dbError("list units", err)
}

const terminalColumns = `id, code, name, location, secret_hash, token_hash`

func scanTerminal(s scanner) (shebao.Terminal, error) {
	var k shebao.Terminal
	err := s.Scan(&k.ID, &k.Code, &k.Name, &k.Location, &k.SecretHash, &k.TokenHash)
	return k, err
}

// Terminal returns the kiosk terminal with the given code.
func (t *tx) Terminal(ctx context.Context, code string) (shebao.Terminal, error) {
	k, err := scanTerminal(t.tx.QueryRowContext(ctx, `SELECT `+terminalColumns+` FROM terminals WHERE code = $1`, code))
	return k, dbError(fmt.Sprintf("terminal %q", code), err)
}

// CreateTerminal inserts k and sets k.ID.
func (t *tx) CreateTerminal(ctx context.Context, k *shebao.Terminal) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO terminals (code, name, location, secret_hash, token_hash)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, k.Code, k.Name, k.Location, k.SecretHash, k.TokenHash).Scan(&k.ID)
	return dbError(fmt.Sprintf("create terminal %q", k.Code), err)
}

// UpdateTerminal writes k's secret and token hashes.
func (t *tx) UpdateTerminal(ctx context.Context, k shebao.Terminal) error {
	res, err := t.tx.ExecContext(ctx, `UPDATE terminals SET secret_hash = $1, token_hash = $2 WHERE id = $3`,
		k.SecretHash, k.TokenHash, k.ID)
	return affectedOne(res, err, fmt.Sprintf("update terminal %q", k.Code))
}

// Terminals lists every terminal by code.
func (t *tx) Terminals(ctx context.Context) ([]shebao.Terminal, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT `+terminalColumns+` FROM terminals ORDER BY code`)
	if err != nil {
		return nil, dbError("list terminals", err)
	}
	ts, err := collect(rows, scanTerminal)
	return ts, dbError("list terminals", err)
}
