# make_haven_reference.R -- builds tests/data/dta/labelled_survey.dta, a small
# Stata 14 file in the shape of a World Bank Enterprise Survey extract (value
# labels, variable labels, Stata missing values . .a .b, negative survey codes
# -9 "Don't know" and -7 "Does not apply", a text column), and stores how R's
# haven reads it back: the values (haven_values.csv, NA for Stata missing),
# the variable labels (haven_variable_labels.csv) and the value labels
# (haven_value_labels.csv).
# Run from this folder: Rscript make_haven_reference.R
library(haven)

yes_no <- c("Yes" = 1, "No" = 2, "Don't know" = -9)
sector <- c("Food" = 15, "Garments" = 18, "Basic metals" = 27, "Retail" = 52)
d <- data.frame(
  idstd = c(101, 102, 103, 104, 105, 106, 107, 108),
  a4a = labelled(c(15, 18, 27, 52, 52, 15, 27, 18), sector, label = "Sector (ISIC rev. 3.1)"),
  h1 = labelled(c(1, 2, -9, 1, tagged_na("a"), 2, 1, NA), yes_no,
                label = "New products or services in the last three years"),
  d12a = labelled(c(80, 100, 55.5, -9, 0, tagged_na("b"), 70, 12.25),
                  c("Don't know" = -9), label = "% of material inputs of domestic origin"),
  l1 = c(12, 250, 7, 40, NA, 3, 1200, 18),
  city = c("Ust-Kamenogorsk", "Almaty", "Semey", "", "Astana", "Almaty", "Ridder", "Semey"),
  stringsAsFactors = FALSE
)
attr(d$l1, "label") <- "Permanent full-time employees"
write_dta(d, "labelled_survey.dta", version = 14)

back <- read_dta("labelled_survey.dta")
values <- data.frame(lapply(back, function(v) if (is.character(v)) v else as.numeric(zap_labels(v))),
                     stringsAsFactors = FALSE)
write.csv(values, "haven_values.csv", row.names = FALSE, na = "NA")
vl <- do.call(rbind, lapply(names(back), function(n) {
  l <- attr(back[[n]], "labels")
  if (is.null(l)) return(NULL)
  data.frame(variable = n, code = as.numeric(unname(l)), label = names(l))
}))
write.csv(vl, "haven_value_labels.csv", row.names = FALSE)
lab <- sapply(names(back), function(n) { l <- attr(back[[n]], "label"); if (is.null(l)) "" else l })
write.csv(data.frame(variable = names(back), label = unname(lab)), "haven_variable_labels.csv",
          row.names = FALSE)
writeLines(paste("haven", packageVersion("haven"), "R", getRversion()), "haven_version.txt")
