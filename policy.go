package shebao

// Rounding is how a computed contribution is rounded to money.
type Rounding string

// Rounding rules.
const (
	RoundFen    Rounding = "fen"     // half up to the fen (分)
	RoundJiaoUp Rounding = "jiao_up" // up to the next jiao (角, 10 fen)
)

// Rate is a contribution rate pair in parts per 100,000 (16% = 16000).
type Rate struct {
	Employer int64
	Employee int64
	Rounding Rounding
}

// RateScale is the denominator of every stored rate: rates are integers per 100,000.
const RateScale = 100_000

// Policy is the contribution policy in force for one year (and region):
// local configuration, versioned, never code.
type Policy struct {
	Year           int
	Region         string // "" for the office's only region
	Version        int
	AvgMonthlyWage Fen // provincial average monthly wage of urban employees
	BaseFloor      Fen // usually 60% of AvgMonthlyWage
	BaseCeiling    Fen // usually 300%
	Rates          map[Insurance]Rate
	// InjuryClassRates holds the work-injury employer rate per industry risk
	// class 1–8 (index 0 is class 1), per 100,000.
	InjuryClassRates [8]int64
	// InjuryFloatMin and InjuryFloatMax bound a unit's floating injury
	// rate per risk class: the lowest and highest rate allowed, in percent
	// of the class rate (50 and 150 for classes 2–8 under the national
	// grades). A class whose max is 0 (a policy stored before they
	// existed) has the national grades (rules.InjuryFloatBounds).
	InjuryFloatMin [8]int64 `json:",omitempty"`
	InjuryFloatMax [8]int64 `json:",omitempty"`
	LateFeePerDay  int64    // per 100,000 per day: 50 = 0.05%
	CutoffDay      int      // business on days 1..CutoffDay belongs to this month's period
	CounterLastDay int      // the counter takes increase/decrease items on days 1..CounterLastDay
	BackpayMonths  int      // back-pay older than this many months goes to the counter
	DeclareFrom    Date     // base declaration window
	DeclareTo      Date
	BaseFromMonth  int // month of the year from which declared bases apply
	// UndeclaredBase is the base of employees whose unit did not declare by
	// DeclareTo: "keep" (or empty) keeps the last base, "floor" raises a last
	// base below BaseFloor to it (package declaration, docs/CONTRIBUTIONS.md).
	UndeclaredBase string `json:",omitempty"`
}
