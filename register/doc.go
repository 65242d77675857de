// Package register is the list of councils that councilbench surveys.
//
// The default register is embedded in the program: the 382 current UK
// principal councils in data/uk-councils.csv, with their register codes, ONS
// (GSS) codes, tiers, nations, regions and home pages. Embedded returns it.
// data/uk-councils.SOURCE.md says where it came from and under which
// licences (CC-BY-4.0 mySociety; MIT Crown copyright GDS).
//
// Users may supply a register of their own in the same CSV format; Load and
// Parse read one and check every row, reporting problems as *Error values
// that name the file, line and column.
//
// A Filter chooses councils by tier, nation and code. Sites groups councils
// by website, because a few councils share one (Adur and Worthing, for
// example) and each website is crawled once.
package register
