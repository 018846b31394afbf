import sys

from gongshi.cli.commands import main

sys.exit(main())
