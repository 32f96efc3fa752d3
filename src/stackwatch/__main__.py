"""`python -m stackwatch` runs the command line."""

from stackwatch.cli.main import main

main()
