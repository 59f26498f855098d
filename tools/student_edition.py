"""Write the student edition of the book's chapter notebooks (see tipline/student/publish.py).

python tools/student_edition.py --site _build/html        # what `make build` does
python tools/student_edition.py --execute --out student   # what Binder's postBuild does
"""

import sys

from tipline.student.publish import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
