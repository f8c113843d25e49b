"""Trainers (argparse mains) that rebuild the learned files under sitroom/data from ../shared data."""
