package i18n

// Messages of the live bill (stop 10, docs/BILLING.md): a unit whose
// floating injury rate stored for the year lies outside its class's grades
// is not billed live with it.
func init() {
	add(
		[3]string{"reason.BILL_FLOAT_OUTSIDE_GRADES",
			"无法计算 %s 所属期的应扣费金额：单位已设定的工伤浮动费率超出本年度政策的行业档次：%s。请联系社保经办机构，由管理员先重新设定该单位的浮动费率。",
			"The amount due of %s cannot be computed: the unit's floating work-injury rate set for the year lies outside its class's grades under the year's policy: %s. Ask the social insurance office: an administrator must set the unit's rate again first."},
	)
}
