package proof_test

import (
	"strings"
	"testing"

	"shebao"
	"shebao/catalogue"
	"shebao/demo/demotest"
	"shebao/proof"
	"shebao/sqldb"
	"shebao/sqldb/sqldbtest"
)

// changeDigit returns s with its first digit at or after i changed.
func changeDigit(s string, i int) string {
	b := []byte(s)
	for ; i < len(b); i++ {
		if b[i] >= '0' && b[i] <= '9' {
			b[i] = '0' + (b[i]-'0'+1)%10
			return string(b)
		}
	}
	panic("no digit")
}

// changeCodeChar returns a code with its character at i (not a dash)
// replaced by the next character of the code alphabet.
func changeCodeChar(code string, i int) string {
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	b := []byte(code)
	if b[i] == '-' {
		i++
	}
	b[i] = alphabet[(strings.IndexByte(alphabet, b[i])+1)%len(alphabet)]
	return string(b)
}

// TestProofVerifies: a person's proof states the history, verifies, and
// fails once one digit of its code or of its stored content is changed.
func TestProofVerifies(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		s := &proof.Service{Store: db, Clock: f.Clock}
		ctx := t.Context()
		p := f.Insured(t, f.UnitB.ID, shebao.Male, "", 19800101, 201501, 201912)
		f.Cover(t, p, f.UnitA.ID, 202001, 0)
		is, err := s.Issue(ctx, f.OpA, proof.Request{Kind: shebao.ProofPerson, IDNumber: p.IDNumber})
		if err != nil {
			t.Fatal(err)
		}
		c := is.Content
		if c.PersonName != p.Name || c.IDNumber != p.IDNumber || c.AsOf != "2026-06" || len(c.Rows) != 8 ||
			c.Rows[0].Unit != f.UnitB.Name || c.Rows[0].Months != 60 || c.Rows[7].To != "" || c.Totals[0].Months != 60+78 {
			t.Errorf("content: %+v", c)
		}
		if it := f.Item(t, is.Item.ID); it.Type != shebao.ItemProof || it.Status != shebao.StatusApproved ||
			!strings.Contains(it.Payload, is.Proof.Code) {
			t.Errorf("item: %+v", it)
		}

		v, err := s.Verify(ctx, strings.ToLower(strings.ReplaceAll(is.Proof.Code, "-", " ")))
		if err != nil || !v.Valid() || v.Content.IDNumber != p.IDNumber || v.Content.Serial != c.Serial {
			t.Fatalf("verify: %+v %v", v, err)
		}
		// One character of the code changed: no such proof.
		v, err = s.Verify(ctx, changeCodeChar(is.Proof.Code, 0))
		if err != nil || v.Valid() || v.Verdict != proof.Unknown {
			t.Errorf("changed code: %+v %v", v.Verdict, err)
		}
		// A forged stored proof: the content with one digit changed (a month
		// count), the genuine signature, under a code of its own. It fails.
		forged := is.Proof
		forged.ID, forged.Code = 0, changeCodeChar(is.Proof.Code, 5)
		forged.Content = changeDigit(is.Proof.Content, strings.Index(is.Proof.Content, `"months":`))
		if err := db.InTx(ctx, func(tx shebao.Tx) error { return tx.InsertProof(ctx, &forged) }); err != nil {
			t.Fatal(err)
		}
		v, err = s.Verify(ctx, forged.Code)
		if err != nil || v.Valid() || v.Verdict != proof.Altered {
			t.Errorf("altered content: %+v %v", v.Verdict, err)
		}
		v, _ = s.Verify(ctx, "not a code")
		if v.Verdict != proof.Malformed {
			t.Errorf("malformed code: %v", v.Verdict)
		}
	})
}

// TestSignDigit: the pure check fails once one digit of the signed content
// changes, and under another key.
func TestSignDigit(t *testing.T) {
	key := []byte("k")
	c := proof.Content{Version: 1, Kind: shebao.ProofPerson, Serial: "01", IssuedAt: "2026-07-08T02:00:00Z", AsOf: "2026-06",
		UnitName: "甲", CreditCode: "91110000AAAAAAAAA1", Rows: []proof.Row{{Unit: "甲", Insurance: shebao.Pension, From: "2020-01", Months: 78}},
		Totals: []proof.Total{{Insurance: shebao.Pension, Months: 78}}}
	canon := string(proof.Canonical(c))
	sig := proof.Sign(key, []byte(canon))
	p := shebao.Proof{Content: canon, Signature: sig, Code: proof.CodeOf(sig)}
	if !proof.Check(key, p) {
		t.Fatal("a fresh proof does not check")
	}
	if canon != string(proof.Canonical(c)) {
		t.Error("canonical serialisation is not stable")
	}
	for i := 0; i < len(canon); i++ {
		if canon[i] < '0' || canon[i] > '9' {
			continue
		}
		q := p
		q.Content = changeDigit(canon, i)
		if proof.Check(key, q) {
			t.Errorf("digit %d changed and the proof still checks", i)
		}
	}
	if proof.Check([]byte("other"), p) {
		t.Error("checks under another key")
	}
	if got := proof.NormalizeCode(strings.ToLower(p.Code)); got != p.Code {
		t.Errorf("NormalizeCode = %q, want %q", got, p.Code)
	}
}

// TestUnitProofAndKeys: a unit's proof, signed by a configured key; the
// other unit cannot open it; removing the key makes it unverifiable.
func TestUnitProofAndKeys(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := demotest.Load(t, db)
		ctx := t.Context()
		s := &proof.Service{Store: db, Clock: f.Clock, Keys: proof.ParseKeys("new-secret, old-secret")}
		is, err := s.Issue(ctx, f.OpA, proof.Request{Kind: shebao.ProofUnit})
		if err != nil {
			t.Fatal(err)
		}
		if is.Item.PersonID != 0 || len(is.Content.Rows) != len(shebao.Insurances) || is.Content.Rows[0].Persons == 0 ||
			!strings.HasPrefix(is.Proof.KeyID, "cfg-") {
			t.Errorf("unit proof: %+v %+v", is.Content, is.Proof)
		}
		if _, err := s.Proof(ctx, f.OpA, is.Proof.Code); err != nil {
			t.Errorf("own proof: %v", err)
		}
		_, err = s.Proof(ctx, f.OpB, is.Proof.Code)
		demotest.WantError(t, err, shebao.ENOTFOUND, "")
		// Rotated: the old key still verifies; removed: it does not.
		rotated := &proof.Service{Store: db, Clock: f.Clock, Keys: proof.ParseKeys("newer,new-secret")}
		if v, _ := rotated.Verify(ctx, is.Proof.Code); !v.Valid() {
			t.Errorf("after rotation: %v", v.Verdict)
		}
		gone := &proof.Service{Store: db, Clock: f.Clock}
		if v, _ := gone.Verify(ctx, is.Proof.Code); v.Verdict != proof.KeyNotFound {
			t.Errorf("key removed: %v", v.Verdict)
		}
		// A database key is created on first use, then reused.
		a, err := gone.Issue(ctx, f.OpA, proof.Request{Kind: shebao.ProofUnit})
		if err != nil {
			t.Fatal(err)
		}
		b, err := gone.Issue(ctx, f.OpA, proof.Request{Kind: shebao.ProofUnit})
		if err != nil || a.Proof.KeyID != "db-1" || b.Proof.KeyID != "db-1" || a.Proof.Code == b.Proof.Code {
			t.Errorf("database keys: %q %q %v", a.Proof.KeyID, b.Proof.KeyID, err)
		}
		// Another unit's person; nobody insured.
		p := f.Insured(t, f.UnitB.ID, shebao.Male, "", 19800101, 201501, 0)
		_, err = s.Issue(ctx, f.OpA, proof.Request{Kind: shebao.ProofPerson, IDNumber: p.IDNumber})
		demotest.WantError(t, err, shebao.EREFUSED, catalogue.ReasonNotOfUnit)
		_, err = s.Issue(ctx, f.OpA, proof.Request{Kind: "family"})
		demotest.WantError(t, err, shebao.EINVALID, "")
	})
}
