from rothroute.cli import main

main()
