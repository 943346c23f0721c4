-- appeals: numbers of the year come from one sequence per year (ap_number_<year>, made when a year
-- is first met), not from a counter row every filing had to lock until its commit.
DROP TABLE ap_numbers;
