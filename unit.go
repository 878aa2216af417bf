package shebao

import (
	"strings"
	"time"
)

// UnitStatus is whether a unit (参保单位) may do business.
type UnitStatus string

// Unit statuses.
const (
	UnitActive    UnitStatus = "active"
	UnitSuspended UnitStatus = "suspended"
)

// Unit is an employer insured with the office (参保单位).
type Unit struct {
	ID          int64
	CreditCode  string // unified social credit code, validated by rules.ParseCreditCode
	Name        string
	Address     string
	Contact     string // contact person
	Phone       string
	BankAccount string // the unit's bank account for refunds and benefits (开户银行账号)
	LegalRep    string // legal representative (法定代表人)
	Industry    string
	RiskClass   int // work-injury industry risk class, 1–8
	Status      UnitStatus
	CreatedAt   time.Time
}

// Person is an insured person, or one who may become insured.
type Person struct {
	ID           int64
	IDNumber     string // 18-character resident ID number, validated
	Name         string
	Sex          Sex
	BirthDate    Date
	PostCategory PostCategory // for women: sets the original retirement age
	Phone        string
	Address      string
}

// Sex as read from the ID number's sequence digit.
type Sex string

// Sexes.
const (
	Male   Sex = "M"
	Female Sex = "F"
)

// PostCategory is a woman's post category, which sets her original
// statutory retirement age (cadre 55, worker 50). Empty when unknown.
type PostCategory string

// Post categories.
const (
	PostNone   PostCategory = ""
	PostCadre  PostCategory = "cadre"  // 管理岗位 / 干部: original age 55
	PostWorker PostCategory = "worker" // 工人: original age 50
)

// MaskIDNumber masks an ID number where the full number is not needed:
// 110105********1234 keeps the region and the last four characters. It
// takes whatever was typed, of any length: it counts characters (not
// bytes) and never shows more than the first six and the last four.
func MaskIDNumber(id string) string {
	if id == "" {
		return "—" // an item about the unit, not a person
	}
	r := []rune(id)
	if len(r) < 10 {
		return "****"
	}
	stars := "********"[:min(len(r)-10, 8)]
	return string(r[:6]) + stars + string(r[len(r)-4:])
}

// Registration is an employment registration (就业备案) of a person with a
// unit, kept by the employment service and copied into shebao.
type Registration struct {
	ID           int64
	SourceID     string // the employment service's own id: imports are idempotent by it
	PersonID     int64
	UnitID       int64
	Start        Date // employment start
	RegisteredOn Date // the day the registration was made; effective the next day
	End          Date // employment end; zero while employed
}

// Insurance is an insurance type.
type Insurance string

// Insurance types, in the order they are shown.
const (
	Pension      Insurance = "pension"      // 养老
	Medical      Insurance = "medical"      // 医疗 (maternity merged in)
	Unemployment Insurance = "unemployment" // 失业
	Injury       Insurance = "injury"       // 工伤
)

// Insurances lists every insurance type, in display order.
var Insurances = []Insurance{Pension, Medical, Unemployment, Injury}

// CoverageStatus is whether an insurance relationship is running.
type CoverageStatus string

// Coverage statuses.
const (
	CoverageActive  CoverageStatus = "active"
	CoverageStopped CoverageStatus = "stopped"
)

// Coverage is one insurance relationship: a person insured by a unit for one
// insurance type from FirstPeriod, until LastPeriod once stopped. A person
// has at most one active coverage per insurance type in the whole district.
type Coverage struct {
	ID          int64
	PersonID    int64
	UnitID      int64
	Insurance   Insurance
	Status      CoverageStatus
	FirstPeriod Period
	LastPeriod  Period // zero while active; may be FirstPeriod−1 when stopped in its first period
	Base        Fen    // the monthly contribution base
	ItemID      int64  // the item that opened it
}

// SameName reports whether a typed name is the name on record, ignoring
// spaces and the forms of the middle dot in transliterated names
// (买买提·艾力 typed as 买买提.艾力 or 买买提 • 艾力).
func SameName(typed, record string) bool {
	norm := strings.NewReplacer(" ", "", "\u3000", "", "•", "·", "．", "·", ".", "·", "・", "·").Replace
	return norm(typed) == norm(record)
}
