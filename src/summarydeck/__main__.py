from summarydeck.cli import main

main()
