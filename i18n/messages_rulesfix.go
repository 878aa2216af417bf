package i18n

// Messages of the rules fixed on branch rulesfix (docs/RULES.md): the
// registration ending before the item's period, late enrollment (Social
// Insurance Law art. 58), legacy ID numbers at the counter, the floating
// injury rate's bounds per risk class, and the undeclared-base rule.
func init() {
	add(
		[3]string{"reason.REGISTRATION_ENDS_BEFORE_PERIOD",
			"该人员在本单位的就业备案于 %s 终止，早于本业务所属期 %s（参保从该月开始缴费），不能办理。如用工仍在继续，请先到就业服务机构更新就业备案。",
			"The person's employment registration with your unit ends on %s, before this item's period %s (the first month the enrollment would pay for), so it cannot be handled. If the employment goes on, update the registration with the employment service first."},
		[3]string{"note.late_enrollment",
			"逾期参保提示：用工开始于 %s，按《社会保险法》第五十八条应在 %s 前（用工之日起 30 日内）办理参保登记，本次逾期 %s 天。业务照常办理，缴费从本业务所属期开始。",
			"Late enrollment: employment started on %s; under Social Insurance Law art. 58 the employee had to be enrolled by %s (within 30 days of hiring); this enrollment is %s days late. It is handled as usual, with contributions from this item's period."},
		[3]string{"note.late_short", "逾期参保 %s 天", "enrolled %s days late"},
		[3]string{"note.legacy_id",
			"15 位旧身份证号码 %s 已按 GB 11643-1999 升为 18 位（出生年份前加“19”，补校验位），本业务以 18 位号码办理。",
			"The legacy 15-digit ID number %s was converted to 18 characters as GB 11643-1999 does (“19” before the birth year, a check character added); the item uses the 18-character number."},
	)
}

func init() {
	add(
		[3]string{"reason.INJURY_FLOAT_BOUNDS",
			"%s 类行业基准费率为 %s%%，浮动费率只能在 %s 至 %s 个百分点之间（即费率 %s%% 至 %s%%），请按该类行业的浮动档次填写。",
			"Risk class %s has a base rate of %s%%: its floating rate must lie between %s and %s percentage points (a rate of %s%% to %s%%). Please set a rate within the class's grades."},
		[3]string{"reason.INJURY_GRADES",
			"%s 类行业的浮动档次不对：下限应在 0–100%% 之间，上限应在 100–300%% 之间（基准费率的百分比）。",
			"The floating grades of risk class %s are wrong: the lowest must lie within 0–100%% and the highest within 100–300%% (percent of the class rate)."},
		[3]string{"reason.INJURY_GRADES_MALFORMED",
			"浮动档次请按“下限-上限”填写（基准费率的百分比），例如 50-150；留空为国家规定档次。",
			"Write the floating grades as lowest-highest, in percent of the class rate, e.g. 50-150; leave empty for the national grades."},
		[3]string{"reason.POLICY_UNDECLARED_RULE",
			"未申报基数的处理办法只能是“沿用上年基数”（keep）或“低于下限的调至下限”（floor）。",
			"The rule for undeclared bases must be keep (keep the last base) or floor (raise a base below the floor to it)."},
		[3]string{"field.injury_grades", "工伤浮动费率档次", "Injury floating grades"},
		[3]string{"billing.policies.grades_hint",
			"每类行业的浮动费率可达基准费率的百分比，按“下限-上限”填写，例如 50-150；留空为国家规定档次（一类 100-150，二至八类 50-150）。",
			"Per class, the rates a unit's floating rate may reach, in percent of the class rate, as lowest-highest (e.g. 50-150); empty means the national grades (class 1: 100-150, classes 2–8: 50-150)."},
		[3]string{"field.undeclared_base", "未申报基数的处理", "Bases not declared by the deadline"},
		[3]string{"billing.undeclared.keep", "沿用上年基数（keep）", "Keep the last base (keep)"},
		[3]string{"billing.undeclared.floor", "低于下限的调至下限（floor）", "Raise a base below the floor to it (floor)"},
	)
	for i := 1; i <= 8; i++ {
		c := string(rune('0' + i))
		add([3]string{"field.injury_grades_" + c, c + " 类行业浮动档次（%）", "Class " + c + " grades (%)"})
	}
}
